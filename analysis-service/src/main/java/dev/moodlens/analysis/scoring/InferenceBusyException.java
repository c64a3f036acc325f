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
}
