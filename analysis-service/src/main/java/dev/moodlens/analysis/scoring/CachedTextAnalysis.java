package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.api.TextAnalysis;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A per-text inference result as cached in Redis (JSON), with the models and the reading that produced it. */
// Written to and read from Redis by Jackson, outside REST: registered for a native executable (and what it holds).
@RegisterForReflection(registerFullHierarchy = true)
public record CachedTextAnalysis(TextAnalysis analysis, ModelStamp sentimentModel, ModelStamp emotionModel, String reading) {

    CachedTextAnalysis(TextAnalysis analysis, ModelRevisions.Models models) {
        this(analysis, models.sentiment(), models.emotion(), models.reading());
    }

    ModelRevisions.Models models() {
        return new ModelRevisions.Models(sentimentModel, emotionModel, reading);
    }
}
