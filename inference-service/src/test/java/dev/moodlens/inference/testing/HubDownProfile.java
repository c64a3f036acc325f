package dev.moodlens.inference.testing;

import dev.moodlens.inference.hub.FakeHub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Both tasks configured from a Hub that answers 503 to everything, with a small retry budget. */
public class HubDownProfile implements QuarkusTestProfile {

    public static final int MAX_RETRIES = 3;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resources.class));
    }

    public static class Resources implements QuarkusTestResourceLifecycleManager {

        static volatile FakeHub hub;

        @Override
        public Map<String, String> start() {
            try {
                hub = new FakeHub().fault((request, n) -> FakeHub.Injected.status(503, Map.of()));
                return Map.of(
                        "moodlens.inference.sentiment.model", "hf://acme/sentiment@main",
                        "moodlens.inference.emotion.model", "hf://acme/emotion@main",
                        "moodlens.inference.hub.endpoint", hub.endpoint().toString(),
                        "moodlens.inference.hub.offline", "false",
                        "moodlens.inference.hub.cache-dir", Files.createTempDirectory("moodlens-hub-down-").toString(),
                        "moodlens.inference.hub.max-retries", Integer.toString(MAX_RETRIES),
                        "moodlens.inference.hub.initial-backoff", "20ms",
                        "moodlens.inference.hub.max-backoff", "50ms",
                        "moodlens.inference.hub.max-total", "10s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(hub, new TestInjector.MatchesType(FakeHub.class));
        }

        @Override
        public void stop() {
            hub.close();
        }
    }
}
