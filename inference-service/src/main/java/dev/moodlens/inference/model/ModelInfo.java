package dev.moodlens.inference.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/models} and readiness say about a serving model.
 *
 * @param reference what config asked for (may differ from {@code id} when the task fell back)
 * @param fallback  why the configured model is not the one serving, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(String task, String id, String revision, String source, String reference, String tier,
                        String precision, String file, String sha256, List<String> labels, int maxLength,
                        Instant loadedAt, double downloadSeconds, double loadSeconds, String fallback) {

    /**
     * This description as answers and readiness give it: no local filesystem path (review finding 16). A local
     * directory is named by its last segment; a fallback away from one says only that it failed, since its
     * message names the path; other fallback messages (the Hub's answer) keep their text without paths.
     */
    public ModelInfo forCallers() {
        ModelReference configured = parsed(reference);
        String shown = configured == null ? CallerView.withoutPaths(reference) : CallerView.reference(configured);
        String why = fallback == null ? null
                : configured instanceof ModelReference.Local
                        ? shown + " unavailable; serving the bundled default (" + CallerView.SEE_LOG + ")"
                        : CallerView.withoutPaths(fallback);
        return new ModelInfo(task, id, revision, source, shown, tier, precision, file, sha256, labels, maxLength,
                loadedAt, downloadSeconds, loadSeconds, why);
    }

    private static ModelReference parsed(String reference) {
        try {
            return reference == null ? null : ModelReference.parse(reference);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
