package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.AnalyzeResponse;

import java.time.Duration;

/**
 * The inference answer; or "pending" when the service could not answer (the entries stay pending and
 * are retried later); or "busy", pending for a moment at the service's request; or "refused" when it
 * answered 4xx for these texts (retrying the same texts cannot help).
 */
public record InferenceOutcome(AnalyzeResponse response, String pendingReason, String refusedReason, Duration retryAfter) {

    public static InferenceOutcome scored(AnalyzeResponse response) {
        return new InferenceOutcome(response, null, null, null);
    }

    public static InferenceOutcome pending(String reason) {
        return new InferenceOutcome(null, reason, null, null);
    }

    public static InferenceOutcome refused(String reason) {
        return new InferenceOutcome(null, null, reason, null);
    }

    /** The service is saturated and asks to be called again after {@code retryAfter}; pending until then. */
    public static InferenceOutcome busy(Duration retryAfter) {
        return new InferenceOutcome(null, "the inference service is busy", null, retryAfter);
    }

    public boolean isBusy() {
        return retryAfter != null;
    }

    /** No answer for now (service down, overloaded, breaker open). */
    public boolean isPending() {
        return response == null && refusedReason == null;
    }

    public boolean isRefused() {
        return refusedReason != null;
    }
}
