package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.api.TextAnalysis;

/** A per-text inference result as cached in Redis (JSON), with the models that produced it. */
public record CachedTextAnalysis(TextAnalysis analysis, ModelStamp sentimentModel, ModelStamp emotionModel) {
}
