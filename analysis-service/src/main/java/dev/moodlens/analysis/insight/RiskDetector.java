package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.insight.PredictiveAnalysis.RiskFactor;
import dev.moodlens.common.safety.CrisisLanguage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Risk factors in the mood history, each with its evidence. Windows are anchored at the journal's last
 * day (so an old journal is read as of its end). Thresholds are documented in the README.
 */
public final class RiskDetector {

    static final double LOW_DAY = -0.25;
    static final int STREAK_DAYS = 3;
    static final double DECLINE_SLOPE = -0.01;
    static final double DECLINE_DROP = -0.15;
    static final double VOLATILITY_RATIO = 1.5;
    static final double VOLATILITY_MIN = 0.35;
    static final double SHARP_DROP = 0.8;
    static final int RECENT_DAYS = 30;

    public List<RiskFactor> detect(List<ScoredEntry> entries) {
        List<RiskFactor> risks = new ArrayList<>();
        List<ScoredEntry> scored = entries.stream().filter(ScoredEntry::scored).toList();
        List<Stats.Day> days = Stats.daily(scored);
        crisis(entries, risks);
        if (!days.isEmpty()) {
            LocalDate anchor = days.get(days.size() - 1).date();
            negativeStreak(days, scored, anchor, risks);
            decline(days, scored, anchor, risks);
            volatility(days, anchor, risks);
            sharpDrops(days, scored, anchor, risks);
        }
        return risks;
    }

    private static void crisis(List<ScoredEntry> entries, List<RiskFactor> risks) {
        if (entries.isEmpty()) {
            return;
        }
        LocalDate anchor = entries.stream().map(ScoredEntry::day).max(Comparator.naturalOrder()).orElseThrow();
        List<EntryRef> evidence = new ArrayList<>();
        List<String> days = new ArrayList<>();
        boolean recent = false;
        for (int i = entries.size() - 1; i >= 0; i--) {
            ScoredEntry e = entries.get(i);
            List<CrisisLanguage.Match> matches = CrisisLanguage.find(e.text());
            if (!matches.isEmpty()) {
                recent |= e.day().isAfter(anchor.minusDays(RECENT_DAYS));
                if (evidence.size() < 5) {
                    evidence.add(EntryRef.of(e, "crisis language: " + matches.stream().map(CrisisLanguage.Match::phrase)
                            .distinct().collect(Collectors.joining(", "))));
                }
                days.add(e.day().toString());
            }
        }
        if (!evidence.isEmpty()) {
            risks.add(new RiskFactor("crisisLanguage", recent ? "high" : "moderate",
                    days.size() + " entr" + (days.size() == 1 ? "y contains" : "ies contain")
                            + " language that can signal thoughts of self-harm" + (recent ? ", recently" : " (not recent)")
                            + ". You deserve support: please consider reaching out.",
                    days.stream().distinct().sorted().toList(), evidence, CrisisLanguage.HELP_TEXT));
        }
    }

    private static void negativeStreak(List<Stats.Day> days, List<ScoredEntry> scored, LocalDate anchor, List<RiskFactor> risks) {
        int bestFrom = -1, bestLen = 0, runFrom = -1, run = 0;
        for (int i = 0; i < days.size(); i++) {
            boolean low = days.get(i).mean() < LOW_DAY;
            boolean adjacent = i > 0 && ChronoUnit.DAYS.between(days.get(i - 1).date(), days.get(i).date()) <= 2;
            if (low) {
                if (run > 0 && adjacent) {
                    run++;
                } else {
                    run = 1;
                    runFrom = i;
                }
                if (run >= bestLen) {
                    bestLen = run;
                    bestFrom = runFrom;
                }
            } else {
                run = 0;
            }
        }
        if (bestLen < STREAK_DAYS) {
            return;
        }
        List<Stats.Day> streak = days.subList(bestFrom, bestFrom + bestLen);
        boolean current = streak.get(streak.size() - 1).date().equals(anchor);
        String severity = current ? (bestLen >= 5 ? "high" : "moderate") : "low";
        risks.add(new RiskFactor("negativeStreak", severity, String.format("%d consecutive writing days with mean mood below %.2f, "
                        + "%s to %s%s", bestLen, LOW_DAY, streak.get(0).date(), streak.get(streak.size() - 1).date(),
                current ? " (ongoing)" : ""),
                streak.stream().map(d -> d.date().toString()).toList(),
                lowest(scored, streak.get(0).date(), streak.get(streak.size() - 1).date(), 3, "low mood during the streak"), null));
    }

    private static void decline(List<Stats.Day> days, List<ScoredEntry> scored, LocalDate anchor, List<RiskFactor> risks) {
        List<Stats.Day> recent = window(days, anchor, RECENT_DAYS, 0);
        if (recent.size() < 8) {
            return;
        }
        double[] x = recent.stream().mapToDouble(d -> ChronoUnit.DAYS.between(anchor, d.date())).toArray();
        double[] y = recent.stream().mapToDouble(Stats.Day::mean).toArray();
        double slope = Stats.slope(x, y);
        List<Stats.Day> last = window(days, anchor, 14, 0);
        List<Stats.Day> before = window(days, anchor, 14, 14);
        if (last.size() < 3 || before.size() < 3 || !Double.isFinite(slope)) {
            return;
        }
        double drop = mean(last) - mean(before);
        if (slope <= DECLINE_SLOPE && drop <= DECLINE_DROP) {
            risks.add(new RiskFactor("decliningTrend", slope <= 2 * DECLINE_SLOPE ? "high" : "moderate",
                    String.format("Mood has been declining: %.3f per day over the last %d days; the last 14 days average "
                            + "%.2f against %.2f in the 14 before", slope, RECENT_DAYS, mean(last), mean(before)),
                    recent.stream().map(d -> d.date().toString()).toList(),
                    lowest(scored, last.get(0).date(), anchor, 3, "low mood in the last 14 days"), null));
        }
    }

    private static void volatility(List<Stats.Day> days, LocalDate anchor, List<RiskFactor> risks) {
        List<Stats.Day> last = window(days, anchor, 14, 0);
        List<Stats.Day> before = window(days, anchor, 28, 14);
        if (last.size() < 5 || before.size() < 5) {
            return;
        }
        double now = Stats.std(last.stream().map(Stats.Day::mean).toList());
        double then = Stats.std(before.stream().map(Stats.Day::mean).toList());
        if (now >= VOLATILITY_MIN && now >= VOLATILITY_RATIO * Math.max(then, 0.05)) {
            risks.add(new RiskFactor("risingVolatility", "moderate", String.format("Mood swings have grown: the standard "
                            + "deviation of daily mood is %.2f in the last 14 days against %.2f in the 28 days before", now, then),
                    last.stream().map(d -> d.date() + " (" + String.format("%.2f", d.mean()) + ")").toList(), List.of(), null));
        }
    }

    private static void sharpDrops(List<Stats.Day> days, List<ScoredEntry> scored, LocalDate anchor, List<RiskFactor> risks) {
        List<String> dropDays = new ArrayList<>();
        List<EntryRef> evidence = new ArrayList<>();
        double biggest = 0;
        for (int i = 1; i < days.size(); i++) {
            Stats.Day prev = days.get(i - 1);
            Stats.Day day = days.get(i);
            if (!day.date().isAfter(anchor.minusDays(RECENT_DAYS)) || ChronoUnit.DAYS.between(prev.date(), day.date()) > 3) {
                continue;
            }
            double drop = prev.mean() - day.mean();
            if (drop >= SHARP_DROP) {
                dropDays.add(prev.date() + " -> " + day.date() + String.format(" (%.2f to %.2f)", prev.mean(), day.mean()));
                biggest = Math.max(biggest, drop);
                evidence.addAll(lowest(scored, day.date(), day.date(), 1, String.format("mood fell by %.2f from the day before", drop)));
            }
        }
        if (!dropDays.isEmpty()) {
            risks.add(new RiskFactor("sharpDrop", dropDays.size() > 1 || biggest >= 1.2 ? "moderate" : "low",
                    String.format("%d sharp drop%s of daily mood (at least %.1f) in the last %d days", dropDays.size(),
                            dropDays.size() == 1 ? "" : "s", SHARP_DROP, RECENT_DAYS),
                    dropDays, evidence.stream().limit(5).toList(), null));
        }
    }

    /** Days in (anchor - offset - length, anchor - offset]. */
    private static List<Stats.Day> window(List<Stats.Day> days, LocalDate anchor, int length, int offset) {
        LocalDate end = anchor.minusDays(offset);
        LocalDate start = end.minusDays(length);
        return days.stream().filter(d -> d.date().isAfter(start) && !d.date().isAfter(end)).toList();
    }

    private static double mean(List<Stats.Day> days) {
        return days.stream().mapToDouble(Stats.Day::mean).average().orElse(0);
    }

    private static List<EntryRef> lowest(List<ScoredEntry> scored, LocalDate from, LocalDate to, int max, String why) {
        return scored.stream().filter(e -> !e.day().isBefore(from) && !e.day().isAfter(to))
                .sorted(Comparator.comparingDouble(ScoredEntry::mood)).limit(max).map(e -> EntryRef.of(e, why)).toList();
    }
}
