package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.insight.PersonalityProfile.Signal;
import dev.moodlens.analysis.insight.PersonalityProfile.Trait;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Estimates Big-Five-style traits from signals in the writing. Each signal is a journal-level number
 * (a word rate per 100 words, an emotion share, a sentiment statistic, a regularity measure), scaled
 * linearly to 0..1 between a documented low and high reference value; a trait's score is the weighted
 * mean of its signals (inverted where the direction is negative), times 100. Confidence is
 * n / (n + 40) for n entries, times the share of the trait's signal weight that had data. The method is
 * written down in the service README; it is a heuristic reading of the words, not a psychometric test.
 */
public final class PersonalityAnalyzer {

    static final int CONFIDENCE_HALF = 40;
    static final String METHOD = "Each trait is the weighted mean of signals measured in the writing, each signal scaled "
            + "linearly to 0-1 between a low and a high reference value (documented in the analysis-service README). "
            + "Word-rate signals count words from small published-style word lists per 100 words; emotion and mood "
            + "signals use the inference results. Confidence = n/(n+40) for n entries, times the share of signal weight "
            + "that had data. Heuristic, not a validated personality test.";

    /** Per-entry word statistics, computed once. */
    private record Words(int total, int social, int achievement, int openness, int warmth, int distress, int future,
                         int past, int distinct, int exclamations) {
    }

    /** A signal definition: value over the journal, reference range, weight and direction. */
    private record Def(String name, String description, double low, double high, double weight, boolean positive,
                       Double value) {
        Signal signal() {
            Double scaled = value == null ? null
                    : EntryRef.round(Math.max(0, Math.min(1, (value - low) / (high - low))));
            return new Signal(name, description + " (reference " + low + " to " + high + ")",
                    value == null ? null : EntryRef.round(value), scaled, weight, positive ? "raises" : "lowers");
        }
    }

    public PersonalityProfile analyze(JournalSnapshot snapshot) {
        List<ScoredEntry> entries = snapshot.entries();
        List<Words> words = entries.stream().map(PersonalityAnalyzer::words).toList();
        List<ScoredEntry> scored = snapshot.scored();
        int n = entries.size();

        double totalWords = Math.max(1, words.stream().mapToInt(Words::total).sum());
        Double social = n == 0 ? null : 100 * words.stream().mapToInt(Words::social).sum() / totalWords;
        Double achievement = n == 0 ? null : 100 * words.stream().mapToInt(Words::achievement).sum() / totalWords;
        Double openness = n == 0 ? null : 100 * words.stream().mapToInt(Words::openness).sum() / totalWords;
        Double warmth = n == 0 ? null : 100 * words.stream().mapToInt(Words::warmth).sum() / totalWords;
        Double distress = n == 0 ? null : 100 * words.stream().mapToInt(Words::distress).sum() / totalWords;
        Double exclamations = n == 0 ? null : 100 * words.stream().mapToInt(Words::exclamations).sum() / totalWords;
        int future = words.stream().mapToInt(Words::future).sum();
        int past = words.stream().mapToInt(Words::past).sum();
        Double futureShare = future + past == 0 ? null : future / (double) (future + past);
        Double diversity = n == 0 ? null : words.stream().filter(w -> w.total() > 0)
                .mapToDouble(w -> w.distinct() / Math.sqrt(w.total())).average().orElse(0);

        Double joy = share(scored, "joy");
        Double love = share(scored, "love");
        Double anger = share(scored, "anger");
        Double surprise = share(scored, "surprise");
        Double negative = scored.isEmpty() ? null : scored.stream()
                .mapToDouble(e -> e.emotion("sadness") + e.emotion("fear") + e.emotion("anger")).average().orElse(0);
        Double meanMood = scored.isEmpty() ? null : scored.stream().mapToDouble(ScoredEntry::mood).average().orElse(0);
        Double variability = scored.size() < 2 ? null : Stats.std(scored.stream().map(ScoredEntry::mood).toList());
        Double lowShare = scored.isEmpty() ? null : scored.stream().filter(e -> e.mood() < -0.3).count() / (double) scored.size();
        Double entropy = emotionEntropy(scored);
        Double regularity = regularity(entries);

        List<Trait> traits = new ArrayList<>();
        traits.add(trait("openness", n, List.of(
                new Def("curiosityWords", "words about ideas, learning, art and new experiences per 100 words", 0.2, 2.5, 0.4, true, openness),
                new Def("lexicalDiversity", "distinct words / sqrt(words) per entry (Guiraud's index)", 4, 9, 0.3, true, diversity),
                new Def("emotionalRange", "normalized entropy of the emotion distribution", 0.3, 0.95, 0.15, true, entropy),
                new Def("surpriseShare", "mean probability of surprise", 0.02, 0.2, 0.15, true, surprise)),
                entries, words, (e, w) -> w.openness() + e.emotion("surprise"), "curiosity words"));
        traits.add(trait("conscientiousness", n, List.of(
                new Def("achievementWords", "words about goals, work, plans and routines per 100 words", 0.3, 3, 0.45, true, achievement),
                new Def("writingRegularity", "share of days with an entry within the active span", 0.1, 0.9, 0.3, true, regularity),
                new Def("futureOrientation", "future words / (future + past words)", 0.3, 0.8, 0.25, true, futureShare)),
                entries, words, (e, w) -> w.achievement() + 0.5 * w.future(), "goal and plan words"));
        traits.add(trait("extraversion", n, List.of(
                new Def("socialWords", "words about people and doing things together per 100 words", 0.5, 4, 0.4, true, social),
                new Def("joyShare", "mean probability of joy", 0.1, 0.6, 0.25, true, joy),
                new Def("meanMood", "mean mood (P(positive) - P(negative))", -0.5, 0.6, 0.2, true, meanMood),
                new Def("exclamations", "exclamation marks per 100 words", 0, 1.5, 0.15, true, exclamations)),
                entries, words, (e, w) -> w.social() + e.emotion("joy"), "social words"));
        traits.add(trait("agreeableness", n, List.of(
                new Def("warmthWords", "words of gratitude, care and help per 100 words", 0.1, 2, 0.45, true, warmth),
                new Def("loveShare", "mean probability of love", 0.02, 0.25, 0.3, true, love),
                new Def("angerShare", "mean probability of anger", 0.02, 0.3, 0.25, false, anger)),
                entries, words, (e, w) -> w.warmth() + e.emotion("love"), "warmth words"));
        traits.add(trait("neuroticism", n, List.of(
                new Def("negativeEmotion", "mean probability of sadness + fear + anger", 0.1, 0.7, 0.3, true, negative),
                new Def("moodVariability", "standard deviation of entry mood", 0.2, 0.8, 0.25, true, variability),
                new Def("distressWords", "words of worry, stress and low mood per 100 words", 0.2, 3, 0.25, true, distress),
                new Def("lowMoodShare", "share of entries with mood below -0.3", 0.05, 0.5, 0.2, true, lowShare)),
                entries, words, (e, w) -> w.distress() + e.emotion("sadness") + e.emotion("fear"), "distress words"));
        return new PersonalityProfile(snapshot.basis(), METHOD, traits);
    }

    private interface EntryWeight {
        double of(ScoredEntry entry, Words words);
    }

    private static Trait trait(String name, int n, List<Def> defs, List<ScoredEntry> entries, List<Words> words,
                               EntryWeight evidenceWeight, String evidenceLabel) {
        double weighted = 0, weights = 0, all = 0;
        for (Def d : defs) {
            all += d.weight();
            if (d.value() != null) {
                double scaled = Math.max(0, Math.min(1, (d.value() - d.low()) / (d.high() - d.low())));
                weighted += d.weight() * (d.positive() ? scaled : 1 - scaled);
                weights += d.weight();
            }
        }
        double score = weights == 0 ? 50 : 100 * weighted / weights;
        double confidence = n / (double) (n + CONFIDENCE_HALF) * (weights / all);
        String level = score < 35 ? "low" : score > 65 ? "high" : "moderate";
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        List<EntryRef> evidence = order.stream()
                .filter(i -> evidenceWeight.of(entries.get(i), words.get(i)) > 0)
                .sorted(Comparator.comparingDouble((Integer i) -> -evidenceWeight.of(entries.get(i), words.get(i))))
                .limit(3).map(i -> EntryRef.of(entries.get(i), evidenceLabel + ": "
                        + String.join(", ", hits(entries.get(i), name)))).toList();
        Signal strongest = defs.stream().filter(d -> d.value() != null).map(Def::signal)
                .max(Comparator.comparingDouble((Signal s) -> s.weight() * Math.abs(s.scaled() - 0.5))).orElse(null);
        String summary = String.format("%s %s (%.0f/100, confidence %.2f)%s", capitalize(name), level, score, confidence,
                strongest == null ? "" : "; strongest signal: " + strongest.name());
        return new Trait(name, EntryRef.round(score), level, EntryRef.round(confidence), summary,
                defs.stream().map(Def::signal).toList(), evidence);
    }

    private static List<String> hits(ScoredEntry entry, String trait) {
        Set<String> lexicon = switch (trait) {
            case "openness" -> TextFeatures.OPENNESS;
            case "conscientiousness" -> TextFeatures.ACHIEVEMENT;
            case "extraversion" -> TextFeatures.SOCIAL;
            case "agreeableness" -> TextFeatures.WARMTH;
            default -> TextFeatures.DISTRESS;
        };
        List<String> hits = new ArrayList<>(TextFeatures.hits(TextFeatures.words(entry.text()), lexicon, 5));
        if (entry.emotion() != null) {
            hits.add("emotion " + entry.emotion());
        }
        return hits;
    }

    private static Words words(ScoredEntry e) {
        List<String> w = TextFeatures.words(e.text());
        long exclamations = e.text().chars().filter(c -> c == '!').count();
        return new Words(w.size(), TextFeatures.count(w, TextFeatures.SOCIAL), TextFeatures.count(w, TextFeatures.ACHIEVEMENT),
                TextFeatures.count(w, TextFeatures.OPENNESS), TextFeatures.count(w, TextFeatures.WARMTH),
                TextFeatures.count(w, TextFeatures.DISTRESS), TextFeatures.count(w, TextFeatures.FUTURE),
                TextFeatures.count(w, TextFeatures.PAST), new TreeSet<>(w).size(), (int) exclamations);
    }

    private static Double share(List<ScoredEntry> scored, String emotion) {
        if (scored.isEmpty() || scored.stream().noneMatch(e -> e.emotions() != null && e.emotions().containsKey(emotion))) {
            return null;
        }
        ToDoubleFunction<ScoredEntry> p = e -> e.emotion(emotion);
        return scored.stream().mapToDouble(p).average().orElse(0);
    }

    private static Double emotionEntropy(List<ScoredEntry> scored) {
        List<ComprehensiveAnalysis.EmotionShare> shares = ComprehensiveAnalyzer.shares(scored);
        if (shares.size() < 2) {
            return null;
        }
        double h = 0;
        for (ComprehensiveAnalysis.EmotionShare s : shares) {
            if (s.meanProbability() > 0) {
                h -= s.meanProbability() * Math.log(s.meanProbability());
            }
        }
        return h / Math.log(shares.size());
    }

    private static Double regularity(List<ScoredEntry> entries) {
        TreeSet<LocalDate> days = new TreeSet<>();
        entries.forEach(e -> days.add(e.day()));
        if (days.size() < 2) {
            return null;
        }
        long span = ChronoUnit.DAYS.between(days.first(), days.last()) + 1;
        return days.size() / (double) span;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
