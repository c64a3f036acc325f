package dev.moodlens.inference.hub;

import dev.moodlens.inference.config.InferenceConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How to reach the Hub and where its cache lives; built from config, or directly by tests. */
public record HubSettings(URI endpoint, Optional<String> token, Path cacheDir, boolean offline,
                          int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxTotal,
                          Duration connectTimeout, Duration readTimeout, int breakerFailures,
                          Duration breakerDelay) {

    public static HubSettings from(InferenceConfig.Hub hub) {
        Optional<String> token = hub.token().filter(t -> !t.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HF_TOKEN")).filter(t -> !t.isBlank()));
        Path cache = hub.cacheDir().filter(d -> !d.isBlank()).map(Path::of).orElseGet(HubSettings::defaultCacheDir);
        return new HubSettings(URI.create(stripSlash(hub.endpoint())), token, cache, hub.offline(),
                hub.maxRetries(), hub.initialBackoff(), hub.maxBackoff(), hub.maxTotal(), hub.connectTimeout(),
                hub.readTimeout(), hub.breakerFailures(), hub.breakerDelay());
    }

    /** huggingface_hub's rule, so Python tools and MoodLens share one cache. */
    public static Path defaultCacheDir() {
        String hubCache = System.getenv("HF_HUB_CACHE");
        if (hubCache != null && !hubCache.isBlank()) {
            return Path.of(hubCache);
        }
        String home = System.getenv("HF_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "hub");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
    }

    /** Settings for a test: short waits, a given endpoint and cache. */
    public static HubSettings forTest(URI endpoint, Path cacheDir, boolean offline) {
        return new HubSettings(endpoint, Optional.empty(), cacheDir, offline, 5, Duration.ofMillis(20),
                Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(2), 100,
                Duration.ofSeconds(30));
    }

    public HubSettings withMaxRetries(int retries, Duration total) {
        return new HubSettings(endpoint, token, cacheDir, offline, retries, initialBackoff, maxBackoff, total,
                connectTimeout, readTimeout, breakerFailures, breakerDelay);
    }

    public HubSettings withToken(String hfToken) {
        return new HubSettings(endpoint, Optional.ofNullable(hfToken), cacheDir, offline, maxRetries, initialBackoff,
                maxBackoff, maxTotal, connectTimeout, readTimeout, breakerFailures, breakerDelay);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
