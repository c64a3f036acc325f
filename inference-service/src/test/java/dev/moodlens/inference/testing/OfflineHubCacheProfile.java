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
 * Offline (HF_HUB_OFFLINE) on a Hub cache filled the way huggingface.js fills it: only the files asked
 * for, no {@code .no_exist} markers. Sentiment: {@code acme/js-sentiment} with config.json, tokenizer.json
 * and onnx/model.onnx (no tokenizer_config.json, no special_tokens_map.json). Emotion:
 * {@code acme/js-emotion} without tokenizer.json. A fake Hub is configured only to prove it is never asked.
 */
public class OfflineHubCacheProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resources.class));
    }

    public static class Resources implements QuarkusTestResourceLifecycleManager {

        public static volatile FakeHub hub;
        public static volatile Path cache;

        @Override
        public Map<String, String> start() {
            try {
                Path root = Files.createTempDirectory("moodlens-offline-");
                cache = root.resolve("hf-cache");
                Map<String, byte[]> model = TinyModel.files(TinyModel.write(root.resolve("model"), 0.1f, 32));
                writeSnapshot("acme/js-sentiment", model, List.of("config.json", "tokenizer.json", "onnx/model.onnx"));
                writeSnapshot("acme/js-emotion", model, List.of("config.json", "onnx/model.onnx"));
                hub = new FakeHub();
                return Map.of(
                        "moodlens.inference.sentiment.model", "hf://acme/js-sentiment@main",
                        "moodlens.inference.emotion.model", "hf://acme/js-emotion@main",
                        "moodlens.inference.hub.endpoint", hub.endpoint().toString(),
                        "moodlens.inference.hub.offline", "true",
                        "moodlens.inference.hub.cache-dir", cache.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** blobs/<sha256>, snapshots/<commit>/<file> as relative links, refs/main: huggingface.js's layout. */
        private static void writeSnapshot(String repo, Map<String, byte[]> model, List<String> files) throws IOException {
            Path repoDir = cache.resolve("models--" + repo.replace("/", "--"));
            Path snapshot = repoDir.resolve("snapshots").resolve(FakeHub.COMMIT);
            for (String file : files) {
                byte[] bytes = model.get(file);
                Path blob = Files.createDirectories(repoDir.resolve("blobs")).resolve(FakeHub.sha256(bytes));
                Files.write(blob, bytes);
                Path link = snapshot.resolve(file);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, link.getParent().relativize(blob));
            }
            Files.createDirectories(repoDir.resolve("refs"));
            Files.writeString(repoDir.resolve("refs/main"), FakeHub.COMMIT);
        }

        @Override
        public void stop() {
            if (hub != null) {
                hub.close();
            }
        }
    }
}
