package dev.moodlens.analysis.nativeit;

import dev.moodlens.analysis.support.StubInference;
import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The native integration tests' setup for the analysis service: signs with its own test key and scores through the JVM
 * tests' stand-in inference service (StubInference, in this test JVM, over loopback).
 */
public class NativeAnalysisSetup extends NativeTestSetup {

    private final StubInference inference = new StubInference();

    @Override
    protected Map<String, String> settings() throws IOException {
        Map<String, String> settings = new HashMap<>(dataService("analysis"));
        settings.putAll(inference.start());
        return settings;
    }

    @Override
    public void stop() {
        inference.stop();
    }
}
