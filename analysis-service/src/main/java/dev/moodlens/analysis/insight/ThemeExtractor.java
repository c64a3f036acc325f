package dev.moodlens.analysis.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Recurring themes by TF-IDF over words and two-word phrases: a term's weight is the sum over entries
 * of (1 + ln tf) * ln(N / df). Terms in fewer than 2 entries (or 1% of them) or in more than half of
 * them are skipped: the first are not recurring, the second say nothing about any entry in particular.
 *
 * <p>One pass, bounded memory (review finding 2): the weight is ln(N / df) * Σ (1 + ln tf), so each term keeps
 * df, that sum, its mood sum and its 3 best example entries (the example order, (1 + ln tf) / √(terms + 1),
 * does not depend on idf) instead of every entry keeping its term counts. The vocabulary of a journal at the
 * quota (millions of two-word phrases) is kept bounded by lossy counting (Manku and Motwani 2002): every
 * {@link #BUCKET} entries, terms seen too rarely to matter are dropped, so a df may be undercounted by at most
 * N / BUCKET, a tenth of the smallest df a theme needs; journals of up to BUCKET entries are counted exactly.
 */
final class ThemeExtractor {

    static final int BUCKET = 1000;
    private static final int EXAMPLES = 3;

    /** What is kept of a term. */
    private static final class Term {
        final int delta; // lossy counting: how many entries it may have been in before it was (re)counted
        int df;
        double sumLogTf;
        double moodSum;
        int moodCount;
        final int[] example = {-1, -1, -1};
        final int[] exampleTf = new int[EXAMPLES];
        final double[] exampleScore = new double[EXAMPLES];

        Term(int delta) {
            this.delta = delta;
        }

        void add(int entry, int tf, double score, Double mood) {
            df++;
            sumLogTf += 1 + Math.log(tf);
            if (mood != null) {
                moodSum += mood;
                moodCount++;
            }
            // Best first; at equal score the later entry first.
            for (int k = 0; k < EXAMPLES; k++) {
                if (example[k] < 0 || score >= exampleScore[k]) {
                    for (int m = EXAMPLES - 1; m > k; m--) {
                        example[m] = example[m - 1];
                        exampleTf[m] = exampleTf[m - 1];
                        exampleScore[m] = exampleScore[m - 1];
                    }
                    example[k] = entry;
                    exampleTf[k] = tf;
                    exampleScore[k] = score;
                    return;
                }
            }
        }
    }

    private ThemeExtractor() {
    }

    static List<ComprehensiveAnalysis.Theme> themes(List<ScoredEntry> entries, int max) {
        int n = entries.size();
        if (n < 3) {
            return List.of();
        }
        Map<String, Term> terms = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ScoredEntry e = entries.get(i);
            List<String> words = TextFeatures.contentWords(TextFeatures.words(e.text()));
            Map<String, Integer> tf = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                tf.merge(words.get(w), 1, Integer::sum);
                if (w + 1 < words.size()) {
                    tf.merge(words.get(w) + " " + words.get(w + 1), 1, Integer::sum);
                }
            }
            int bucket = i / BUCKET;
            double norm = Math.sqrt(tf.size() + 1.0);
            int entry = i;
            tf.forEach((term, count) -> terms.computeIfAbsent(term, t -> new Term(bucket))
                    .add(entry, count, (1 + Math.log(count)) / norm, e.mood()));
            if ((i + 1) % BUCKET == 0 && i + 1 < n) {
                int done = (i + 1) / BUCKET;
                for (Iterator<Term> it = terms.values().iterator(); it.hasNext(); ) {
                    Term t = it.next();
                    if (t.df + t.delta <= done) {
                        it.remove();
                    }
                }
            }
        }
        int minDf = Math.max(2, n / 100);
        int maxDf = Math.max(minDf, n / 2);
        Map<String, Double> weight = new HashMap<>();
        terms.forEach((term, t) -> {
            if (t.df >= minDf && t.df <= maxDf) {
                weight.put(term, t.sumLogTf * Math.log((double) n / t.df));
            }
        });
        List<String> ranked = weight.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).limit(max * 4L).toList();
        List<String> chosen = new ArrayList<>();
        for (String term : ranked) {
            // A word adds nothing next to a chosen phrase that contains it in most of its entries.
            boolean redundant = chosen.stream().anyMatch(c -> (c.contains(" ") && (" " + c + " ").contains(" " + term + " ")
                    && terms.get(c).df >= 0.6 * terms.get(term).df) || (term.contains(" ") && (" " + term + " ").contains(" " + c + " ")
                    && terms.get(term).df >= 0.6 * terms.get(c).df));
            if (!redundant) {
                chosen.add(term);
            }
            if (chosen.size() == max) {
                break;
            }
        }
        List<ComprehensiveAnalysis.Theme> themes = new ArrayList<>();
        for (String term : chosen) {
            Term t = terms.get(term);
            List<EntryRef> examples = new ArrayList<>();
            for (int k = 0; k < EXAMPLES && t.example[k] >= 0; k++) {
                examples.add(EntryRef.of(entries.get(t.example[k]), "mentions '" + term + "' " + t.exampleTf[k] + "x"));
            }
            themes.add(new ComprehensiveAnalysis.Theme(term, EntryRef.round(weight.get(term)), t.df,
                    t.moodCount == 0 ? null : EntryRef.round(t.moodSum / t.moodCount), examples));
        }
        return themes;
    }
}
