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

/** Prefetch mode against a fake Hub that serves a tiny model as acme/tiny-sentiment. */
public class PrefetchProfile implements QuarkusTestProfile {

    /** Fixed, not random: the test and the application see this class through different class loaders. */
    public static final Path CACHE = Path.of("target", "prefetch-test-cache").toAbsolutePath();

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resources.class));
    }

    public static class Resources implements QuarkusTestResourceLifecycleManager {

        static volatile FakeHub hub;

        @Override
        public Map<String, String> start() {
            try {
                try (var old = Files.walk(CACHE)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.nio.file.NoSuchFileException fresh) {
                    // first run
                }
                Path model = TinyModel.write(Files.createTempDirectory("moodlens-prefetch-model-"), 0f, 32);
                hub = new FakeHub().repo("acme/tiny-sentiment", TinyModel.files(model));
                return Map.of(
                        "moodlens.inference.mode", "prefetch",
                        "moodlens.inference.sentiment.model", "hf://acme/tiny-sentiment@main",
                        "moodlens.inference.hub.endpoint", hub.endpoint().toString(),
                        "moodlens.inference.hub.offline", "false",
                        "moodlens.inference.hub.cache-dir", CACHE.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            hub.close();
        }
    }
}
