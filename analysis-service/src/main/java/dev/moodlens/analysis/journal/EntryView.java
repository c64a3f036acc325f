package dev.moodlens.analysis.journal;

import dev.moodlens.common.api.ModelStamp;

import java.util.List;
import java.util.Map;

/**
 * An entry as the API shows it. {@code scores} is its latest inference result (null until scored);
 * {@code pending} is true while it has no result from the current model revisions. {@code scores.sentences}
 * are the entry's sentences with their own results, marking those that carried the mood ({@link SentenceMood}).
 */
public record EntryView(String id, String text, String writtenAt, String title, List<String> tags,
                        String createdAt, String updatedAt, boolean pending, Scores scores) {

    /** One inference result of an entry. {@code mood} is P(positive) - P(negative). */
    public record Scores(ModelStamp sentimentModel, ModelStamp emotionModel, String sentiment, double mood,
                         Map<String, Double> sentimentScores, String emotion, Map<String, Double> emotionScores,
                         boolean truncated, String scoredAt, List<SentenceMood> sentences) {
    }
}
