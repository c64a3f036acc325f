package dev.moodlens.common.access;

import dev.moodlens.common.token.TokenNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Users and access knobs shared by the services: documented once with the settings they share in common's
 * META-INF/microprofile-config.properties; each service sets its name and other trusted issuers in its
 * application.properties.
 * This service's own signing key is the standard smallrye-jwt key (smallrye.jwt.sign.key.location).
 */
@ConfigMapping(prefix = "moodlens.access")
public interface AccessConfig {

    /**
     * This service's name in tokens ({@link TokenNames}): the issuer of the tokens it signs and the audience of
     * the tokens it takes (its mp.jwt.verify.audiences).
     */
    String name();

    /**
     * The public key (PEM; a file, or a classpath resource in tests) of each issuer whose tokens this service
     * takes, by issuer name. A token of any other issuer, or signed with any other key, is refused.
     */
    Map<String, String> trustedIssuers();

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
