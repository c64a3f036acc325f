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
}
