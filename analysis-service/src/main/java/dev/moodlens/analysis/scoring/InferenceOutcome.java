package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.AnalyzeResponse;

/**
 * The inference answer; or "pending" when the service could not answer (the entries stay pending and
 * are retried later); or "refused" when it answered 4xx for these texts (retrying the same texts cannot help).
 */
public record InferenceOutcome(AnalyzeResponse response, String pendingReason, String refusedReason) {

    public static InferenceOutcome scored(AnalyzeResponse response) {
        return new InferenceOutcome(response, null, null);
    }

    public static InferenceOutcome pending(String reason) {
        return new InferenceOutcome(null, reason, null);
    }

    public static InferenceOutcome refused(String reason) {
        return new InferenceOutcome(null, null, reason);
    }

    /** No answer for now (service down, overloaded, breaker open). */
    public boolean isPending() {
        return response == null && refusedReason == null;
    }

    public boolean isRefused() {
        return refusedReason != null;
    }
}
