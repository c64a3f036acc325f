package dev.moodlens.inference.cli;

import dev.moodlens.inference.hub.FakeHub;
import dev.moodlens.inference.testing.PrefetchProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quarkus-run.jar prefetch}: fills the Hub cache with the configured models and exits 0. */
@QuarkusMainTest
@TestProfile(PrefetchProfile.class)
class PrefetchTest {

    @Test
    @Launch("prefetch")
    void downloadsTheConfiguredModelsIntoTheCacheAndExits(LaunchResult result) {
        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(Files.isRegularFile(PrefetchProfile.CACHE.resolve("models--acme--tiny-sentiment/snapshots")
                .resolve(FakeHub.COMMIT).resolve("onnx/model.onnx")), result.getOutput());
    }
}
