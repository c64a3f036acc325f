package dev.moodlens.common.problem;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110, 10.2.3): delay-seconds or an HTTP date. One reader for
 * every caller that honours it (the Hub client, the analysis service's scoring rounds).
 */
public final class RetryAfterHeader {

    private RetryAfterHeader() {
    }

    /** The delay asked for; empty when the value is neither seconds nor an HTTP date. Never negative. */
    public static Optional<Duration> parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    static Optional<Duration> parse(String value, Clock clock) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(clock.withZone(at.getZone())), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }
}
