package dev.moodlens.inference.nativeit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built artifact (native executable under mvn verify -Pnative) runs with the prod profile, so it trusts no
 * test key by itself: the test-only public keys of common's test-jar go to files it is pointed at.
 */
public class NativeTestKeys implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("moodlens-it-keys-");
            return Map.of(
                    "moodlens.access.trusted-issuers.moodlens-chat", copy("moodlens-chat-public.pem"),
                    "moodlens.access.trusted-issuers.moodlens-analysis", copy("moodlens-analysis-public.pem"),
                    "moodlens.inference.load-blocking", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String copy(String name) throws IOException {
        try (InputStream in = NativeTestKeys.class.getClassLoader().getResourceAsStream("test-only-keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test-only-keys/" + name + " on the test classpath");
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file.toString();
        }
    }

    @Override
    public void stop() {
        // the temp files are public keys of the test-only pairs: nothing to hide
    }
}
