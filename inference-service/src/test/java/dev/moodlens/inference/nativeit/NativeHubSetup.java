package dev.moodlens.inference.nativeit;

import dev.moodlens.inference.hub.FakeHub;
import dev.moodlens.models.runtime.TinyModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The inference executable with its sentiment model from a Hub: the JVM tests' fake Hub (in this test JVM, over
 * loopback) serves a tiny model as acme/tiny-sentiment and answers the first request with 429 and Retry-After.
 */
public class NativeHubSetup extends NativeTestKeys {

    static final String REPO = "acme/tiny-sentiment";
    static volatile FakeHub hub;

    @Override
    protected Map<String, String> settings() throws IOException {
        Path root = Files.createTempDirectory("moodlens-native-hub-");
        hub = new FakeHub().repo(REPO, TinyModel.files(TinyModel.write(root.resolve("hub-model"), -0.2f, 32)))
                .fault((request, n) -> n == 1 ? FakeHub.Injected.status(429, Map.of("Retry-After", "1")) : null);
        Map<String, String> settings = new HashMap<>(super.settings());
        settings.put("moodlens.inference.sentiment.model", "hf://" + REPO + "@main");
        settings.put("moodlens.inference.hub.endpoint", hub.endpoint().toString());
        settings.put("moodlens.inference.hub.offline", "false");
        settings.put("moodlens.inference.hub.cache-dir", root.resolve("hf-cache").toString());
        return settings;
    }

    @Override
    public void stop() {
        if (hub != null) {
            hub.close();
        }
    }
}
