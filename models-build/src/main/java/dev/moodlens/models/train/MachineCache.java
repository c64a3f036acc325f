package dev.moodlens.models.train;

import java.nio.file.Path;

/**
 * The per-machine cache folders of model building (outside every checkout, so a clean clone reuses them):
 * an environment variable when set, else a folder under {@code ~/.cache/moodlens}.
 */
public final class MachineCache {

    private MachineCache() {
    }

    /** {@code env} when set and not blank, else {@code ~/.cache/moodlens/<name>}. */
    public static Path dir(String env, String name) {
        String value = System.getenv(env);
        if (value != null && !value.isBlank()) {
            return Path.of(value);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "moodlens", name);
    }
}
