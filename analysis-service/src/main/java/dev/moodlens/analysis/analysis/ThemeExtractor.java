package dev.moodlens.analysis.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recurring themes by TF-IDF over words and two-word phrases: a term's weight is the sum over entries
 * of (1 + ln tf) * ln(N / df). Terms in fewer than 2 entries (or 1% of them) or in more than half of
 * them are skipped: the first are not recurring, the second say nothing about any entry in particular.
 */
final class ThemeExtractor {

    private ThemeExtractor() {
    }

    static List<ComprehensiveAnalysis.Theme> themes(List<ScoredEntry> entries, int max) {
        int n = entries.size();
        if (n < 3) {
            return List.of();
        }
        List<Map<String, Integer>> termCounts = new ArrayList<>(n);
        Map<String, Integer> df = new HashMap<>();
        for (ScoredEntry e : entries) {
            List<String> words = TextFeatures.contentWords(TextFeatures.words(e.text()));
            Map<String, Integer> tf = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                tf.merge(words.get(i), 1, Integer::sum);
                if (i + 1 < words.size()) {
                    tf.merge(words.get(i) + " " + words.get(i + 1), 1, Integer::sum);
                }
            }
            termCounts.add(tf);
            tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int minDf = Math.max(2, n / 100);
        int maxDf = Math.max(minDf, n / 2);
        Map<String, Double> weight = new HashMap<>();
        for (Map<String, Integer> tf : termCounts) {
            tf.forEach((term, count) -> {
                int d = df.get(term);
                if (d >= minDf && d <= maxDf) {
                    weight.merge(term, (1 + Math.log(count)) * Math.log((double) n / d), Double::sum);
                }
            });
        }
        List<String> ranked = weight.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).limit(max * 4L).toList();
        List<String> chosen = new ArrayList<>();
        for (String term : ranked) {
            // A word adds nothing next to a chosen phrase that contains it in most of its entries.
            boolean redundant = chosen.stream().anyMatch(c -> (c.contains(" ") && (" " + c + " ").contains(" " + term + " ")
                    && df.get(c) >= 0.6 * df.get(term)) || (term.contains(" ") && (" " + term + " ").contains(" " + c + " ")
                    && df.get(term) >= 0.6 * df.get(c)));
            if (!redundant) {
                chosen.add(term);
            }
            if (chosen.size() == max) {
                break;
            }
        }
        List<ComprehensiveAnalysis.Theme> themes = new ArrayList<>();
        for (String term : chosen) {
            double idf = Math.log((double) n / df.get(term));
            List<Integer> with = new ArrayList<>();
            double moodSum = 0;
            int moodCount = 0;
            for (int i = 0; i < n; i++) {
                if (termCounts.get(i).containsKey(term)) {
                    with.add(i);
                    if (entries.get(i).scored()) {
                        moodSum += entries.get(i).mood();
                        moodCount++;
                    }
                }
            }
            List<EntryRef> examples = with.stream()
                    .sorted(Comparator.comparingDouble((Integer i) -> -(1 + Math.log(termCounts.get(i).get(term))) * idf
                            / Math.sqrt(termCounts.get(i).size() + 1.0)).thenComparing(i -> -i))
                    .limit(3).map(i -> EntryRef.of(entries.get(i), "mentions '" + term + "' "
                            + termCounts.get(i).get(term) + "x")).toList();
            themes.add(new ComprehensiveAnalysis.Theme(term, EntryRef.round(weight.get(term)), with.size(),
                    moodCount == 0 ? null : EntryRef.round(moodSum / moodCount), examples));
        }
        return themes;
    }
}
