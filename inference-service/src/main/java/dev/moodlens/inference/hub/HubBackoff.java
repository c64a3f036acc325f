package dev.moodlens.inference.hub;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter (huggingface_hub's 1 s doubling to 8 s by default); when the Hub
 * said how long to wait (Retry-After, RateLimit reset) that wait wins. One instance per retried call.
 */
final class HubBackoff implements CustomBackoffStrategy {

    private final long initialMillis;
    private final long maxMillis;
    private long next;

    HubBackoff(long initialMillis, long maxMillis) {
        this.initialMillis = Math.max(1, initialMillis);
        this.maxMillis = Math.max(this.initialMillis, maxMillis);
        this.next = this.initialMillis;
    }

    @Override
    public void init(long initialDelayInMillis) {
        next = initialMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long base = next;
        next = Math.min(maxMillis, next * 2);
        if (failure instanceof HubRetryableException r && r.retryAfterMillis() >= 0) {
            // the server's own wait, plus a little jitter so replicas do not return in lockstep
            return r.retryAfterMillis() + ThreadLocalRandom.current().nextLong(0, 1 + Math.max(1, base / 10));
        }
        // "equal jitter": half fixed, half random
        return base / 2 + ThreadLocalRandom.current().nextLong(0, base / 2 + 1);
    }
}
