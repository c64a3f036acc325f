package dev.moodlens.inference.model;

import dev.moodlens.inference.config.InferenceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * moodlens.inference.bundled-models-dir: the bundled models read as files (what a native executable does with
 * the directory beside it) instead of the models-bundled jar's resources, which stay the JVM's default.
 */
class BundledModelsDirTest {

    @Test
    void aConfiguredDirectoryIsReadInPlace(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("moodlens-sentiment"));
        Files.writeString(model.resolve("config.json"), "{}");
        assertEquals(model, new BundledModels(config(Optional.of(dir.toString()))).directory("moodlens-sentiment"));
    }

    @Test
    void aConfiguredDirectoryWithoutTheModelSaysWhatIsMissing(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BundledModels(config(Optional.of(dir.toString()))).directory("moodlens-emotion"));
        assertTrue(e.getMessage().contains("moodlens-emotion") && e.getMessage().contains("bundled-models"), e.getMessage());
    }

    @Test
    void unsetOnTheJvmTheClasspathServes() {
        assertTrue(BundledModels.besideNativeExecutable().isEmpty(), "the JVM has no executable directory to read");
        Path dir = new BundledModels(config(Optional.empty())).directory("moodlens-sentiment");
        assertTrue(Files.isRegularFile(dir.resolve("config.json")), dir.toString());
    }

    private static InferenceConfig config(Optional<String> bundledModelsDir) {
        return (InferenceConfig) Proxy.newProxyInstance(InferenceConfig.class.getClassLoader(),
                new Class<?>[] {InferenceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "bundledModelsDir" -> bundledModelsDir;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
