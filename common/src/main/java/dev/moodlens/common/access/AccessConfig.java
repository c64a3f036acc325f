package dev.moodlens.common.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Users and access knobs shared by the services (each documents them in its application.properties).
 * Key locations and the issuer are the standard smallrye-jwt keys (mp.jwt.verify.*, smallrye.jwt.sign.*).
 */
@ConfigMapping(prefix = "moodlens.access")
public interface AccessConfig {

    /** Lifetime of the service tokens this service mints for its calls to the other services. */
    @WithDefault("PT5M")
    Duration serviceTokenLifetime();

    RateLimit rateLimit();

    interface RateLimit {

        /**
         * Requests one user token may make per minute (a burst of this size, then refilled evenly);
         * 0 turns the limit off. Service tokens are not limited: the chat service limits the user first.
         */
        @WithDefault("120")
        int requestsPerMinute();
    }
}
