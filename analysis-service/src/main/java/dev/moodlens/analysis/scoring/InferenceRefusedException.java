package dev.moodlens.analysis.scoring;

/**
 * The inference service answered 4xx: it will not classify these texts, however often it is asked, so
 * this is neither retried nor counted by the circuit breaker (408 and 429 are not refusals).
 */
public class InferenceRefusedException extends RuntimeException {

    private final int status;

    public InferenceRefusedException(int status, String detail) {
        super("the inference service refused the texts (" + status + (detail == null || detail.isBlank() ? "" : ": " + detail) + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Whether an HTTP status means "these texts are refused" rather than "try again later". */
    public static boolean refusal(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
