package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.insight.ComprehensiveAnalysis.Bucket;
import dev.moodlens.analysis.insight.ComprehensiveAnalysis.Change;
import dev.moodlens.analysis.insight.ComprehensiveAnalysis.EmotionShare;
import dev.moodlens.analysis.insight.ComprehensiveAnalysis.Period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes the comprehensive analysis from a snapshot; pure, no I/O. */
public final class ComprehensiveAnalyzer {

    static final double MOOD_CHANGE = 0.2;
    static final double EMOTION_CHANGE = 0.15;
    static final int MIN_PERIOD_ENTRIES = 5;

    public ComprehensiveAnalysis analyze(JournalSnapshot snapshot) {
        List<ScoredEntry> entries = snapshot.entries();
        List<ScoredEntry> scored = snapshot.scored();
        return new ComprehensiveAnalysis(snapshot.basis(), trend(scored), emotions(scored),
                ThemeExtractor.themes(entries, 12), patterns(entries, snapshot), extremes(scored), changes(scored));
    }

    private static ComprehensiveAnalysis.SentimentTrend trend(List<ScoredEntry> scored) {
        List<Stats.Day> days = Stats.daily(scored);
        List<Period> daily = days.stream().map(d -> new Period(d.date().toString(), EntryRef.round(d.mean()), d.count())).toList();
        Map<LocalDate, double[]> weeks = new TreeMap<>();
        for (ScoredEntry e : scored) {
            double[] s = weeks.computeIfAbsent(e.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), w -> new double[2]);
            s[0] += e.mood();
            s[1]++;
        }
        List<Period> weekly = new ArrayList<>();
        weeks.forEach((w, s) -> weekly.add(new Period(w.toString(), EntryRef.round(s[0] / s[1]), (int) s[1])));
        Double slope = null;
        if (days.size() >= 3) {
            LocalDate first = days.get(0).date();
            double[] x = days.stream().mapToDouble(d -> ChronoUnit.DAYS.between(first, d.date())).toArray();
            double[] y = days.stream().mapToDouble(Stats.Day::mean).toArray();
            slope = Stats.finite(Stats.slope(x, y) * 7);
        }
        Double overall = scored.isEmpty() ? null
                : EntryRef.round(scored.stream().mapToDouble(ScoredEntry::mood).average().orElse(0));
        return new ComprehensiveAnalysis.SentimentTrend(
                "mood = P(positive) - P(negative) per entry; daily and weekly (ISO week, from Monday) means of the writer's "
                        + "local days; slopePerWeek is the least-squares slope of daily means, per week",
                overall, slope, daily, weekly);
    }

    private static ComprehensiveAnalysis.EmotionDistribution emotions(List<ScoredEntry> scored) {
        Map<YearMonth, List<ScoredEntry>> byMonth = new TreeMap<>();
        scored.forEach(e -> byMonth.computeIfAbsent(YearMonth.from(e.day()), m -> new ArrayList<>()).add(e));
        List<ComprehensiveAnalysis.MonthEmotions> months = new ArrayList<>();
        byMonth.forEach((m, list) -> months.add(new ComprehensiveAnalysis.MonthEmotions(m.toString(), list.size(), shares(list))));
        return new ComprehensiveAnalysis.EmotionDistribution(shares(scored), months);
    }

    static List<EmotionShare> shares(List<ScoredEntry> entries) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Double> probability = new HashMap<>();
        for (ScoredEntry e : entries) {
            if (e.emotion() != null) {
                counts.merge(e.emotion(), 1, Integer::sum);
            }
            if (e.emotions() != null) {
                e.emotions().forEach((label, p) -> probability.merge(label, p, Double::sum));
            }
        }
        TreeSet<String> labels = new TreeSet<>(probability.keySet());
        labels.addAll(counts.keySet());
        int n = entries.size();
        return labels.stream().map(l -> new EmotionShare(l, counts.getOrDefault(l, 0),
                        n == 0 ? 0 : EntryRef.round(counts.getOrDefault(l, 0) / (double) n),
                        n == 0 ? 0 : EntryRef.round(probability.getOrDefault(l, 0.0) / n)))
                .sorted(Comparator.comparingInt(EmotionShare::count).reversed()
                        .thenComparing(Comparator.comparingDouble(EmotionShare::meanProbability).reversed()))
                .toList();
    }

    private static ComprehensiveAnalysis.WritingPatterns patterns(List<ScoredEntry> entries, JournalSnapshot snapshot) {
        List<Bucket> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            int hour = h;
            hours.add(bucket(String.format("%02d", h), entries.stream().filter(e -> e.local().getHour() == hour).toList()));
        }
        List<Bucket> weekdays = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            weekdays.add(bucket(d.name(), entries.stream().filter(e -> e.day().getDayOfWeek() == d).toList()));
        }
        return new ComprehensiveAnalysis.WritingPatterns(hours, weekdays, length(entries),
                streaks(entries, snapshot), gaps(entries));
    }

    private static Bucket bucket(String key, List<ScoredEntry> entries) {
        List<Double> moods = entries.stream().filter(ScoredEntry::scored).map(ScoredEntry::mood).toList();
        return new Bucket(key, entries.size(), moods.isEmpty() ? null : EntryRef.round(Stats.mean(moods)));
    }

    private static ComprehensiveAnalysis.LengthStats length(List<ScoredEntry> entries) {
        if (entries.isEmpty()) {
            return new ComprehensiveAnalysis.LengthStats(0, 0, 0, 0, null);
        }
        int[] words = entries.stream().mapToInt(e -> TextFeatures.words(e.text()).size()).toArray();
        int[] sorted = words.clone();
        java.util.Arrays.sort(sorted);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).scored()) {
                pairs.add(new double[]{words[i], entries.get(i).mood()});
            }
        }
        double corr = Stats.correlation(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        return new ComprehensiveAnalysis.LengthStats(EntryRef.round(java.util.Arrays.stream(words).average().orElse(0)),
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], Stats.finite(corr));
    }

    private static ComprehensiveAnalysis.Streaks streaks(List<ScoredEntry> entries, JournalSnapshot snapshot) {
        TreeSet<LocalDate> days = new TreeSet<>();
        entries.forEach(e -> days.add(e.day()));
        if (days.isEmpty()) {
            return new ComprehensiveAnalysis.Streaks(0, 0, 0, null, null, 0);
        }
        LocalDate bestFrom = null, bestTo = null, runFrom = null, prev = null;
        int best = 0, run = 0;
        for (LocalDate d : days) {
            if (prev != null && prev.plusDays(1).equals(d)) {
                run++;
            } else {
                run = 1;
                runFrom = d;
            }
            if (run > best) {
                best = run;
                bestFrom = runFrom;
                bestTo = d;
            }
            prev = d;
        }
        LocalDate today = LocalDate.ofInstant(snapshot.computedAt(), ZoneOffset.UTC);
        int current = days.last().isBefore(today.minusDays(1)) ? 0 : run;
        int span = (int) ChronoUnit.DAYS.between(days.first(), days.last()) + 1;
        return new ComprehensiveAnalysis.Streaks(days.size(), span, best, String.valueOf(bestFrom), String.valueOf(bestTo), current);
    }

    private static List<ComprehensiveAnalysis.Gap> gaps(List<ScoredEntry> entries) {
        TreeSet<LocalDate> days = new TreeSet<>();
        entries.forEach(e -> days.add(e.day()));
        List<ComprehensiveAnalysis.Gap> gaps = new ArrayList<>();
        LocalDate prev = null;
        for (LocalDate d : days) {
            if (prev != null) {
                int missing = (int) ChronoUnit.DAYS.between(prev, d) - 1;
                if (missing >= 7) {
                    gaps.add(new ComprehensiveAnalysis.Gap(prev.plusDays(1).toString(), d.minusDays(1).toString(), missing));
                }
            }
            prev = d;
        }
        return gaps.stream().sorted(Comparator.comparingInt(ComprehensiveAnalysis.Gap::days).reversed()).limit(10).toList();
    }

    private static ComprehensiveAnalysis.Extremes extremes(List<ScoredEntry> scored) {
        Comparator<ScoredEntry> byMood = Comparator.comparingDouble(ScoredEntry::mood);
        return new ComprehensiveAnalysis.Extremes(
                scored.stream().sorted(byMood.reversed()).limit(3).map(e -> EntryRef.of(e, "among the highest mood scores")).toList(),
                scored.stream().sorted(byMood).limit(3).map(e -> EntryRef.of(e, "among the lowest mood scores")).toList());
    }

    /**
     * Month-to-month changes of mean mood (at least {@value #MOOD_CHANGE}) and of an emotion's share
     * (at least {@value #EMOTION_CHANGE}), between months with enough entries, plus the last 30 days of
     * the journal against the 30 before.
     */
    private static List<Change> changes(List<ScoredEntry> scored) {
        List<Change> changes = new ArrayList<>();
        Map<String, List<ScoredEntry>> periods = new LinkedHashMap<>();
        Map<YearMonth, List<ScoredEntry>> byMonth = new TreeMap<>();
        scored.forEach(e -> byMonth.computeIfAbsent(YearMonth.from(e.day()), m -> new ArrayList<>()).add(e));
        byMonth.forEach((m, list) -> periods.put(m.toString(), list));
        List<String> names = new ArrayList<>(periods.keySet());
        for (int i = 1; i < names.size(); i++) {
            compare(names.get(i - 1), periods.get(names.get(i - 1)), names.get(i), periods.get(names.get(i)), changes);
        }
        if (!scored.isEmpty()) {
            LocalDate last = scored.get(scored.size() - 1).day();
            List<ScoredEntry> recent = scored.stream().filter(e -> e.day().isAfter(last.minusDays(30))).toList();
            List<ScoredEntry> before = scored.stream().filter(e -> !e.day().isAfter(last.minusDays(30))
                    && e.day().isAfter(last.minusDays(60))).toList();
            compare("the 30 days before", before, "the last 30 days", recent, changes);
        }
        return changes;
    }

    private static void compare(String beforeName, List<ScoredEntry> before, String afterName, List<ScoredEntry> after,
                                List<Change> changes) {
        if (before.size() < MIN_PERIOD_ENTRIES || after.size() < MIN_PERIOD_ENTRIES) {
            return;
        }
        double m0 = before.stream().mapToDouble(ScoredEntry::mood).average().orElse(0);
        double m1 = after.stream().mapToDouble(ScoredEntry::mood).average().orElse(0);
        if (Math.abs(m1 - m0) >= MOOD_CHANGE) {
            boolean up = m1 > m0;
            Comparator<ScoredEntry> order = Comparator.comparingDouble(ScoredEntry::mood);
            List<EntryRef> evidence = after.stream().sorted(up ? order.reversed() : order).limit(2)
                    .map(e -> EntryRef.of(e, up ? "one of the most positive entries of " + afterName
                            : "one of the most negative entries of " + afterName)).toList();
            changes.add(new Change("meanMood", beforeName, afterName, EntryRef.round(m0), EntryRef.round(m1),
                    EntryRef.round(m1 - m0), String.format("Mean mood %s from %.2f in %s to %.2f in %s",
                    up ? "rose" : "fell", m0, beforeName, m1, afterName), evidence));
        }
        Map<String, EmotionShare> s0 = new HashMap<>();
        shares(before).forEach(s -> s0.put(s.emotion(), s));
        for (EmotionShare s1 : shares(after)) {
            double share0 = s0.containsKey(s1.emotion()) ? s0.get(s1.emotion()).share() : 0;
            double delta = s1.share() - share0;
            if (Math.abs(delta) >= EMOTION_CHANGE) {
                List<EntryRef> evidence = after.stream().filter(e -> delta > 0 && s1.emotion().equals(e.emotion()))
                        .sorted(Comparator.comparingDouble((ScoredEntry e) -> -e.emotion(s1.emotion()))).limit(2)
                        .map(e -> EntryRef.of(e, "dominant emotion " + s1.emotion() + " in " + afterName)).toList();
                changes.add(new Change("emotionShare:" + s1.emotion(), beforeName, afterName, EntryRef.round(share0),
                        s1.share(), EntryRef.round(delta), String.format("%s was the dominant emotion of %.0f%% of entries in %s, %.0f%% in %s",
                        s1.emotion(), share0 * 100, beforeName, s1.share() * 100, afterName), evidence));
            }
        }
    }
}
