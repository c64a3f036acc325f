package dev.moodlens.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built artifact (native executable under mvn verify -Pnative) runs with the prod profile: the test-only keys
 * of this test-jar go to files it is pointed at (the service signs with its own key and trusts chat's), and it uses
 * the test database and Redis of the unit tests (MOODLENS_TEST_DB_URL, MOODLENS_REDIS_URL, as ./moodlens test sets
 * them up). Each service's integration tests name a subclass that says which service it is.
 */
public abstract class NativeTestSetup implements QuarkusTestResourceLifecycleManager {

    private final String signer;
    private Path dir;

    protected NativeTestSetup(String signer) {
        this.signer = signer;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("moodlens-it-keys-");
            return Map.of(
                    "moodlens.access.trusted-issuers.moodlens-chat", copy("moodlens-chat-public.pem"),
                    "smallrye.jwt.sign.key.location", copy("moodlens-" + signer + "-private.pem"),
                    "quarkus.datasource.jdbc.url", env("MOODLENS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/moodlens_test"),
                    "quarkus.redis.hosts", env("MOODLENS_REDIS_URL", "redis://127.0.0.1:6379"),
                    "moodlens.cache.key-secret", "native-integration-test-only");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private String copy(String name) throws IOException {
        try (InputStream in = NativeTestSetup.class.getClassLoader().getResourceAsStream("test-only-keys/" + name)) {
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
        // test-only keys in a temp directory: nothing to hide
    }
}
