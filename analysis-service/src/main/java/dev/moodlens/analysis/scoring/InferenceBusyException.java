package dev.moodlens.analysis.scoring;

import java.time.Duration;

/**
 * The inference service is saturated: it answered 503 or 429 with a Retry-After, its way of saying "send
 * less, later". Back pressure, not an outage: the scoring round waits and narrows its window of requests in
 * flight; the circuit breaker never counts it. A 503 without Retry-After (a dead service behind a proxy)
 * stays an outage.
 */
public class InferenceBusyException extends RuntimeException {

    private final Duration retryAfter;

    public InferenceBusyException(int status, Duration retryAfter) {
        super("the inference service is busy (" + status + ", retry after " + retryAfter.toMillis() + " ms)");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Retry-After in seconds (an HTTP date, which the inference service never sends, counts as one second). */
    static Duration parseRetryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
