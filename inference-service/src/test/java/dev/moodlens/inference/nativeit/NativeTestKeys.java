package dev.moodlens.inference.nativeit;

import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.Map;

/** The native integration tests' setup for the inference service: it keeps no data, it trusts chat and analysis. */
public class NativeTestKeys extends NativeTestSetup {

    @Override
    protected Map<String, String> settings() throws IOException {
        return Map.of(
                "moodlens.access.trusted-issuers.moodlens-chat", keyFile("moodlens-chat-public.pem"),
                "moodlens.access.trusted-issuers.moodlens-analysis", keyFile("moodlens-analysis-public.pem"),
                "moodlens.inference.load-blocking", "true");
    }
}
