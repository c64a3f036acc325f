package dev.moodlens.analysis.nativeit;

import dev.moodlens.common.testing.NativeTestSetup;

/** The native integration tests' setup for the analysis service (signs with its own test key). */
public class NativeAnalysisSetup extends NativeTestSetup {

    public NativeAnalysisSetup() {
        super("analysis");
    }
}
