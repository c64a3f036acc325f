package dev.moodlens.analysis.nativeit;

import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.Map;

/** The native integration tests' setup for the analysis service (signs with its own test key). */
public class NativeAnalysisSetup extends NativeTestSetup {

    @Override
    protected Map<String, String> settings() throws IOException {
        return dataService("analysis");
    }
}
