package dev.moodlens.inference.classify;

import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.ModelStamp;

import java.util.List;

/** One task's answers for a request's texts, and the model that gave them. */
public record TaskResult(List<Classification> results, ModelStamp model) {
}
