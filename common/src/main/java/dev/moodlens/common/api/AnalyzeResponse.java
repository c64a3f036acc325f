package dev.moodlens.common.api;

import java.util.List;

/** Answer of {@code POST /v1/classify}: both tasks for every text, with the model of each task. */
public record AnalyzeResponse(List<TextAnalysis> results, ModelStamp sentimentModel, ModelStamp emotionModel) {
}
