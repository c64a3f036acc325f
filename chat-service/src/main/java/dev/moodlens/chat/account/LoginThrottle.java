package dev.moodlens.chat.account;

import dev.moodlens.common.access.KeyedRateLimit;
import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.access.UserIds;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Login attempts, limited twice (review finding 3), beyond either budget 429 with Retry-After, whether or
 * not the account exists:
 * <ul>
 * <li>per client address (moodlens.chat.auth.login-attempts-per-client-per-minute), so rotating user names
 * is not unlimited bcrypt work;</li>
 * <li>per user name and client together (moodlens.chat.auth.login-attempts-per-minute), so a password
 * cannot be guessed at the speed of the server, yet someone else's failures do not lock the owner out of
 * their own client.</li>
 * </ul>
 * Per process, like the per-user request limit.
 */
@ApplicationScoped
public class LoginThrottle {

    private final KeyedRateLimit perClient;
    private final KeyedRateLimit perNameAndClient;

    public LoginThrottle(ChatConfig config) {
        this.perClient = limit(config.auth().loginAttemptsPerClientPerMinute());
        this.perNameAndClient = limit(config.auth().loginAttemptsPerMinute());
    }

    private static KeyedRateLimit limit(int perMinute) {
        return perMinute <= 0 ? null : new KeyedRateLimit(perMinute, Duration.ofMinutes(1), KeyedRateLimit.TRACKED);
    }

    /** Counts one attempt of {@code client} at {@code user}; 429 problem when over a budget. */
    public void attempt(String user, String client) {
        if (perClient != null) {
            refuse(perClient.acquire(client), "too many login attempts from this client");
        }
        if (perNameAndClient != null) {
            String name = user == null ? "" : user.strip();
            if (name.length() > UserIds.MAX_LENGTH) {
                name = name.substring(0, UserIds.MAX_LENGTH); // longer names cannot exist; do not let them grow the keys
            }
            // NUL cannot be part of a valid name, so no two (name, client) pairs share a key.
            refuse(perNameAndClient.acquire(name + '\0' + client), "too many login attempts for this user");
        }
    }

    private static void refuse(long seconds, String what) {
        if (seconds > 0) {
            throw ProblemException.tooManyRequests(what + "; try again in " + seconds + " s", seconds);
        }
    }

    int trackedNames() {
        return perNameAndClient == null ? 0 : perNameAndClient.tracked();
    }
}
