package dev.moodlens.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A compact view of a user's journal for the chat prompt, served by the analysis service at
 * {@code GET /v1/users/{user}/context}.
 *
 * @param entryCount       entries in the journal
 * @param pendingEntries   entries not yet scored (inference was unavailable)
 * @param recentMood       mean sentiment score (-1..1) of the last 14 days, null without entries
 * @param trend            "improving", "declining", "stable" or "unknown"
 * @param dominantEmotions most frequent emotions of the last 30 days, most frequent first
 * @param riskFactors      short human-readable risk signals (streaks, drops, crisis language)
 * @param relevantEntries  a few recent or notable entries
 * @param dailyMood        last 30 days of daily mean mood for the sparkline, oldest first
 */
public record JournalContext(
        String user,
        int entryCount,
        int pendingEntries,
        Double recentMood,
        String trend,
        List<String> dominantEmotions,
        List<String> riskFactors,
        List<EntrySnippet> relevantEntries,
        List<DailyMood> dailyMood) {

    /**
     * A short excerpt of one entry, and {@code quote}, the sentence of it that carried its mood most
     * (null when none did, e.g. a neutral entry).
     */
    public record EntrySnippet(String id, String writtenAt, String excerpt, String emotion, Double sentiment,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String quote) {

        public EntrySnippet(String id, String writtenAt, String excerpt, String emotion, Double sentiment) {
            this(id, writtenAt, excerpt, emotion, sentiment, null);
        }
    }

    /** Mean mood of one day. */
    public record DailyMood(String date, double mood, int count) {
    }

    public static JournalContext empty(String user) {
        return new JournalContext(user, 0, 0, null, "unknown", List.of(), List.of(), List.of(), List.of());
    }
}
