package dev.moodlens.chat.account;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.problem.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Login attempts per user name per minute (moodlens.chat.auth.login-attempts-per-minute), so a password
 * cannot be guessed at the speed of the server: beyond the budget 429 with Retry-After, whether or not
 * the account exists. Per process, like the per-user request limit.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Beyond this many tracked names, the ones back at a full budget are forgotten (a fresh one is the same). */
    static final int TRACKED = 10_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LoginThrottle(ChatConfig config) {
        this.perMinute = config.auth().loginAttemptsPerMinute();
    }

    public void attempt(String user) {
        if (perMinute <= 0) {
            return;
        }
        String key = user == null ? "" : user.strip();
        if (key.length() > 64) {
            key = key.substring(0, 64); // longer names cannot exist; do not let them grow the map's keys
        }
        if (buckets.size() > TRACKED) {
            // Guessing at many names must not grow this map without bound.
            buckets.values().removeIf(b -> b.getAvailableTokens() >= perMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw ProblemException.tooManyRequests("too many login attempts for this user; try again in " + seconds + " s", seconds);
        }
    }
}
