package dev.moodlens.common.api;

import java.util.Map;

/**
 * One text's result for one task: the top label, its probability, every label's probability
 * (they sum to 1) and whether the text was cut at the model's maximum length.
 */
public record Classification(String label, double score, Map<String, Double> scores, boolean truncated) {
}
