package dev.moodlens.inference.hub;

/**
 * A transient failure worth another try: 408, 429, 5xx, a timeout or a cut connection.
 * {@code retryAfterMillis} is what the Hub asked us to wait (Retry-After or RateLimit reset), or -1.
 */
public class HubRetryableException extends HubException {

    private final long retryAfterMillis;

    public HubRetryableException(String message, long retryAfterMillis, Throwable cause) {
        super(message, cause);
        this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
