package dev.moodlens.inference.hub;

/**
 * A transient failure worth another try: 408, 429, 5xx, a timeout or a cut connection.
 * {@code retryAfterMillis} is what the Hub asked us to wait (Retry-After or RateLimit reset), or -1.
 */
public class HubRetryableException extends HubException {

    private final long retryAfterMillis;
    private final String status;

    public HubRetryableException(String message, long retryAfterMillis, Throwable cause) {
        this(message, retryAfterMillis, cause, cause == null ? "error" : "io_error");
    }

    public HubRetryableException(String message, long retryAfterMillis, Throwable cause, String status) {
        super(message, cause);
        this.retryAfterMillis = retryAfterMillis;
        this.status = status;
    }

    /** The HTTP status, or timeout / io_error: the tag of the retries metric. */
    public String status() {
        return status;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
