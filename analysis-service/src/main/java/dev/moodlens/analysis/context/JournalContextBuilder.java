package dev.moodlens.analysis.context;

import dev.moodlens.analysis.insight.EntryRef;
import dev.moodlens.analysis.insight.JournalSnapshot;
import dev.moodlens.analysis.insight.PredictiveAnalysis;
import dev.moodlens.analysis.insight.RiskDetector;
import dev.moodlens.analysis.insight.ScoredEntry;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.safety.CrisisLanguage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chat prompt's view of a journal. "Recent" is anchored at the journal's last day: recent mood is
 * the mean of its last 14 days, the trend compares them with the 14 days before (a difference of 0.1
 * or more is improving or declining), dominant emotions and the sparkline cover its last 30 days.
 */
public final class JournalContextBuilder {

    static final int EXCERPT = 200;

    private final RiskDetector risks = new RiskDetector();

    public JournalContext build(JournalSnapshot snapshot) {
        List<ScoredEntry> entries = snapshot.entries();
        if (entries.isEmpty()) {
            return JournalContext.empty(snapshot.user());
        }
        LocalDate anchor = entries.stream().map(ScoredEntry::day).max(Comparator.naturalOrder()).orElseThrow();
        List<ScoredEntry> scored = snapshot.scored();
        List<ScoredEntry> last14 = within(scored, anchor, 0, 14);
        List<ScoredEntry> prev14 = within(scored, anchor, 14, 14);
        List<ScoredEntry> last30 = within(scored, anchor, 0, 30);
        Double recent = last14.isEmpty() ? null : round(mean(last14));
        String trend = "unknown";
        if (last14.size() >= 3 && prev14.size() >= 3) {
            double delta = mean(last14) - mean(prev14);
            trend = delta >= 0.1 ? "improving" : delta <= -0.1 ? "declining" : "stable";
        }
        Map<String, Integer> counts = new HashMap<>();
        last30.forEach(e -> {
            if (e.emotion() != null) {
                counts.merge(e.emotion(), 1, Integer::sum);
            }
        });
        List<String> dominant = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(3).map(Map.Entry::getKey).toList();
        List<String> riskFactors = risks.detect(entries).stream().map(PredictiveAnalysis.RiskFactor::description).toList();

        Map<String, ScoredEntry> relevant = new LinkedHashMap<>();
        entries.stream().filter(e -> CrisisLanguage.mentions(e.text())).reduce((a, b) -> b)
                .ifPresent(e -> relevant.put(e.id(), e));
        for (int i = entries.size() - 1; i >= 0 && relevant.size() < 4; i--) {
            relevant.putIfAbsent(entries.get(i).id(), entries.get(i));
        }
        last30.stream().min(Comparator.comparingDouble(ScoredEntry::mood)).ifPresent(e -> relevant.putIfAbsent(e.id(), e));
        List<JournalContext.EntrySnippet> snippets = new ArrayList<>();
        relevant.values().stream().sorted(Comparator.comparing(ScoredEntry::instant)).forEach(e -> snippets.add(
                new JournalContext.EntrySnippet(e.id(), e.writtenAt(), excerpt(e.text()), e.emotion(),
                        e.mood() == null ? null : round(e.mood()), EntryRef.quoteOf(e))));

        Map<LocalDate, double[]> days = new TreeMap<>();
        last30.forEach(e -> {
            double[] s = days.computeIfAbsent(e.day(), d -> new double[2]);
            s[0] += e.mood();
            s[1]++;
        });
        List<JournalContext.DailyMood> daily = new ArrayList<>();
        days.forEach((d, s) -> daily.add(new JournalContext.DailyMood(d.toString(), round(s[0] / s[1]), (int) s[1])));
        return new JournalContext(snapshot.user(), entries.size(), snapshot.pendingEntries(), recent, trend, dominant,
                riskFactors, snippets, daily);
    }

    /** Scored entries on days in (anchor - offset - length, anchor - offset]. */
    private static List<ScoredEntry> within(List<ScoredEntry> scored, LocalDate anchor, int offset, int length) {
        LocalDate end = anchor.minusDays(offset);
        LocalDate start = end.minusDays(length);
        return scored.stream().filter(e -> e.day().isAfter(start) && !e.day().isAfter(end)).toList();
    }

    private static double mean(List<ScoredEntry> entries) {
        return entries.stream().mapToDouble(ScoredEntry::mood).average().orElse(0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "\u2026";
    }
}
