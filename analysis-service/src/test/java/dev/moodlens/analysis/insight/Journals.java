package dev.moodlens.analysis.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds in-memory journals for the pure analysis tests. */
final class Journals {

    private Journals() {
    }

    static ScoredEntry entry(int index, LocalDate day, int hour, String text, Double mood, String emotion) {
        Map<String, Double> emotions = emotion == null ? null : Map.of("sadness", emotion.equals("sadness") ? 0.8 : 0.04,
                "joy", emotion.equals("joy") ? 0.8 : 0.04, "love", emotion.equals("love") ? 0.8 : 0.04,
                "anger", emotion.equals("anger") ? 0.8 : 0.04, "fear", emotion.equals("fear") ? 0.8 : 0.04,
                "surprise", emotion.equals("surprise") ? 0.8 : 0.04);
        Instant at = day.atTime(hour, 0).toInstant(ZoneOffset.ofHours(2));
        return new ScoredEntry("e" + index, at, ZoneOffset.ofHours(2), null, text, List.of(), mood,
                mood == null ? null : mood > 0 ? "positive" : "negative", emotion, emotions);
    }

    static JournalSnapshot snapshot(List<ScoredEntry> entries) {
        int pending = (int) entries.stream().filter(e -> !e.scored()).count();
        return new JournalSnapshot("tester", 7, entries, pending, List.of(), Instant.parse("2026-11-20T12:00:00Z"));
    }

    /** 60 days: 30 good days with friends and plans, then 30 worse and worse days. */
    static List<ScoredEntry> decliningJournal() {
        List<ScoredEntry> entries = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 9, 1);
        for (int d = 0; d < 60; d++) {
            boolean good = d < 30;
            double mood = good ? 0.6 : 0.3 - (d - 30) * 0.04;
            String text = good ? "Dinner with friends, we talked about our travel plans and a new book. Grateful for the team."
                    : "Worried and tired again, stressed about work, I cried and felt lonely.";
            entries.add(entry(d, start.plusDays(d), good ? 9 : 23, text + " Day " + d + ".", mood, good ? "joy" : "sadness"));
        }
        return entries;
    }
}
