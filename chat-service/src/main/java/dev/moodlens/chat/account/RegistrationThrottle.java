package dev.moodlens.chat.account;

import dev.moodlens.common.access.KeyedRateLimit;
import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Registrations per client address per hour (moodlens.chat.auth.registrations-per-client-per-hour): each
 * one is a bcrypt hash and a new account, so one client cannot make either without bound (review finding 3).
 * Beyond the budget 429 with Retry-After. Per process.
 */
@ApplicationScoped
public class RegistrationThrottle {

    private final KeyedRateLimit perClient;

    public RegistrationThrottle(ChatConfig config) {
        int perHour = config.auth().registrationsPerClientPerHour();
        this.perClient = perHour <= 0 ? null : new KeyedRateLimit(perHour, Duration.ofHours(1), KeyedRateLimit.TRACKED);
    }

    /** Counts one registration of {@code client}; 429 problem when over the budget. */
    public void attempt(String client) {
        long seconds = perClient == null ? 0 : perClient.acquire(client);
        if (seconds > 0) {
            throw ProblemException.tooManyRequests("too many registrations from this client; try again in "
                    + seconds + " s", seconds);
        }
    }
}
