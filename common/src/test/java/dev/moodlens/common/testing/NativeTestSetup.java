package dev.moodlens.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built artifact (native executable under mvn verify -Pnative) runs with the prod profile, so it trusts no test
 * key by itself: the test-only keys of this test-jar go to files it is pointed at. Each service's integration tests
 * name a subclass that gives the service's settings ({@link #settings}); {@link #dataService} is the one of the
 * services that keep data.
 */
public abstract class NativeTestSetup implements QuarkusTestResourceLifecycleManager {

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("moodlens-it-keys-");
            return settings();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration the executable runs with; {@link #keyFile} writes the keys it names. */
    protected abstract Map<String, String> settings() throws IOException;

    /**
     * A service that keeps data: signs with its own test key, trusts chat's, and uses the test database and Redis
     * of the unit tests (MOODLENS_TEST_DB_URL, MOODLENS_REDIS_URL, as ./moodlens test sets them up).
     */
    protected Map<String, String> dataService(String signer) throws IOException {
        return Map.of(
                "moodlens.access.trusted-issuers.moodlens-chat", keyFile("moodlens-chat-public.pem"),
                "smallrye.jwt.sign.key.location", keyFile("moodlens-" + signer + "-private.pem"),
                "quarkus.datasource.jdbc.url", env("MOODLENS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/moodlens_test"),
                "quarkus.redis.hosts", env("MOODLENS_REDIS_URL", "redis://127.0.0.1:6379"),
                "moodlens.cache.key-secret", "native-integration-test-only");
    }

    /** Writes the test-only key {@code name} to the run's temp directory and answers its path. */
    protected String keyFile(String name) throws IOException {
        try (InputStream in = NativeTestSetup.class.getClassLoader().getResourceAsStream("test-only-keys/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test-only-keys/" + name + " on the test classpath");
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file.toString();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {
        // test-only keys in a temp directory: nothing to hide
    }
}
