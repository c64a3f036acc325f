package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.AnalyzeResponse;

/** Either the inference answer, or "pending" when the service could not answer (the entries stay pending). */
public record InferenceOutcome(AnalyzeResponse response, String pendingReason) {

    public static InferenceOutcome scored(AnalyzeResponse response) {
        return new InferenceOutcome(response, null);
    }

    public static InferenceOutcome pending(String reason) {
        return new InferenceOutcome(null, reason);
    }

    public boolean isPending() {
        return response == null;
    }
}
