package dev.moodlens.inference.testing;

import dev.moodlens.inference.hub.FakeHub;
import dev.moodlens.models.runtime.TinyModel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The service on tiny test models (from directories), with a fake Hub that serves a third tiny model as
 * {@code acme/tiny-sentiment}, small limits so 413 and 503 are easy to provoke, and its own Hub cache.
 */
public class TinyModelsProfile implements QuarkusTestProfile {

    public static final int QUEUE_CAPACITY = 48;
    public static final int MAX_TEXTS = 64;
    public static final int MAX_BODY = 8192;
    public static final int MAX_TEXT_CHARS = 2000;
    /** Small, so AccessTest reaches it; the other tests call with a service token, which is not limited. */
    public static final int USER_REQUESTS_PER_MINUTE = 5;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resources.class));
    }

    /** Writes the models and starts the fake Hub before Quarkus reads its config. */
    public static class Resources implements QuarkusTestResourceLifecycleManager {

        public static volatile FakeHub hub;
        public static volatile Path root;

        @Override
        public Map<String, String> start() {
            try {
                root = Files.createTempDirectory("moodlens-tiny-");
                Path sentiment = TinyModel.write(root.resolve("tiny-sentiment"), 0f, 32);
                Path emotion = TinyModel.write(root.resolve("tiny-emotion"), 0.3f, 32);
                Path hubModel = TinyModel.write(root.resolve("hub-model"), -0.2f, 32);
                hub = new FakeHub().repo("acme/tiny-sentiment", TinyModel.files(hubModel));
                return Map.ofEntries(
                        Map.entry("moodlens.inference.sentiment.model", sentiment.toString()),
                        Map.entry("moodlens.inference.emotion.model", emotion.toString()),
                        Map.entry("moodlens.inference.hub.endpoint", hub.endpoint().toString()),
                        Map.entry("moodlens.inference.hub.offline", "false"),
                        Map.entry("moodlens.inference.hub.cache-dir", root.resolve("hf-cache").toString()),
                        Map.entry("moodlens.inference.hub.initial-backoff", "20ms"),
                        Map.entry("moodlens.inference.hub.max-backoff", "100ms"),
                        Map.entry("moodlens.inference.max-texts", Integer.toString(MAX_TEXTS)),
                        Map.entry("moodlens.inference.max-body-bytes", Integer.toString(MAX_BODY)),
                        Map.entry("moodlens.inference.max-text-chars", Integer.toString(MAX_TEXT_CHARS)),
                        Map.entry("moodlens.inference.batch.queue-capacity", Integer.toString(QUEUE_CAPACITY)),
                        Map.entry("moodlens.access.rate-limit.requests-per-minute", Integer.toString(USER_REQUESTS_PER_MINUTE)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            if (hub != null) {
                hub.close();
            }
        }
    }
}
