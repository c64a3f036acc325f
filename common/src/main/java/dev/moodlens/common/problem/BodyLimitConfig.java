package dev.moodlens.common.problem;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The request body limit of {@link BodyLimit}. Each service that limits bodies points these at its own documented
 * knob in its application.properties (e.g. {@code moodlens.body-limit.max-bytes=${moodlens.inference.max-body-bytes}});
 * a service that sets nothing (chat) keeps Vert.x's limit only.
 */
@ConfigMapping(prefix = "moodlens.body-limit")
public interface BodyLimitConfig {

    /** Largest body of a POST, PUT or PATCH, in bytes as read (chunked too); larger: 413 problem JSON. */
    OptionalLong maxBytes();

    /** Paths (a regular expression) whose bodies are streamed under Vert.x's larger limit instead (bulk routes). */
    Optional<String> streamedPaths();
}
