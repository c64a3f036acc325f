package dev.moodlens.inference.hub;

import java.nio.file.Path;

/**
 * A model's files on local disk: {@code dir} is {@code snapshots/<commit>} in the Hub cache.
 * {@code fromCache} when no download was needed.
 */
public record HubSnapshot(HubRepo repo, String commit, Path dir, boolean fromCache) {
}
