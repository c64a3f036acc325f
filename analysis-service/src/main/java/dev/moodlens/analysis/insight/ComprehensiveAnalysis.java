package dev.moodlens.analysis.insight;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET /v1/users/{user}/analysis/comprehensive. Mood is P(positive) - P(negative) in [-1, 1]. */
@Schema(description = "Sentiment trend, emotions, themes, writing patterns, extremes and notable changes of a journal")
// Written by Jackson into the cached JSON (AnalysisService), not as a REST return type: registered for a native
// executable, with the records it holds.
@RegisterForReflection(registerFullHierarchy = true)
public record ComprehensiveAnalysis(Basis basis, SentimentTrend sentimentTrend, EmotionDistribution emotions,
                                    List<Theme> themes, WritingPatterns writingPatterns, Extremes extremes,
                                    List<Change> notableChanges) {

    @Schema(description = "Mean mood per day and per ISO week (Monday), with entry counts")
    public record SentimentTrend(String method, Double overallMean, Double slopePerWeek, List<Period> daily,
                                 List<Period> weekly) {
    }

    public record Period(String start, double mean, int count) {
    }

    @Schema(description = "Share of entries whose dominant emotion is each label, overall and per month")
    public record EmotionDistribution(List<EmotionShare> overall, List<MonthEmotions> byMonth) {
    }

    public record EmotionShare(String emotion, int count, double share, double meanProbability) {
    }

    public record MonthEmotions(String month, int count, List<EmotionShare> emotions) {
    }

    @Schema(description = "A recurring term (word or two-word phrase) ranked by summed TF-IDF, with example entries")
    public record Theme(String term, double weight, int entries, Double meanMood, List<EntryRef> examples) {
    }

    public record WritingPatterns(List<Bucket> byHourOfDay, List<Bucket> byWeekday, LengthStats length,
                                  Streaks streaks, List<Gap> gaps) {
    }

    @Schema(description = "Entries and their mean mood in one hour of the writer's local day or one weekday")
    public record Bucket(String key, int count, Double meanMood) {
    }

    public record LengthStats(double meanWords, int medianWords, int minWords, int maxWords,
                              @Schema(description = "Pearson correlation of entry length with mood") Double lengthMoodCorrelation) {
    }

    public record Streaks(int activeDays, int spanDays, int longestStreakDays, String longestStreakFrom,
                          String longestStreakTo, int currentStreakDays) {
    }

    @Schema(description = "A run of at least 7 days without entries")
    public record Gap(String from, String to, int days) {
    }

    public record Extremes(List<EntryRef> mostPositive, List<EntryRef> mostNegative) {
    }

    @Schema(description = "A notable difference between two periods, with the entries that show it")
    public record Change(String metric, String before, String after, double valueBefore, double valueAfter,
                         double delta, String description, List<EntryRef> evidence) {
    }
}
