package dev.moodlens.inference.testing;

import dev.moodlens.models.runtime.TinyModel;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sentiment configured from a directory that does not exist, so it serves the bundled model as a fallback;
 * emotion from a tiny model in a directory. Both directories lie under {@link #ROOT}.
 */
public class MissingLocalModelProfile implements QuarkusTestProfile {

    public static final Path ROOT = temporaryRoot();
    public static final Path MISSING = ROOT.resolve("missing-model");
    private static final Path EMOTION = tinyEmotion();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("moodlens.inference.sentiment.model", MISSING.toString(),
                "moodlens.inference.emotion.model", EMOTION.toString());
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("moodlens-missing-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tinyEmotion() {
        return TinyModel.write(ROOT.resolve("tiny-emotion"), 0.3f, 32);
    }
}
