package dev.moodlens.reading;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an entry's sentiment and emotion distributions are made from its sentences' distributions: a
 * weighted mean, label by label, of the sentences' probabilities. The rules differ in the weights:
 * <ul>
 *   <li>{@link #MEAN}: every sentence weighs the same;</li>
 *   <li>{@link #LENGTH}: a sentence weighs its number of words;</li>
 *   <li>{@link #SALIENCE}: words times how much the sentence says about mood, 1 - P(neutral) of its
 *       sentiment (with a floor of {@value #SALIENCE_FLOOR});</li>
 *   <li>{@link #EMPHASIS}, the default: how much the sentence says about mood alone, 1 - P(neutral) with the
 *       same floor, whatever its length: "Went to the shop and then to the post office." does not dilute
 *       "It hurts."; the emotion mean uses the same weights, since an emotionless sentence's emotion
 *       distribution is noise.</li>
 * </ul>
 * Chosen by measurement on dev data only (models-build README, "Reading by sentence": EmoBank dev passages
 * and GoEmotions dev comments of two or more sentences), where emphasis was best on the GoEmotions sentiment
 * and emotion accuracy, close to the best elsewhere, and beat reading the whole text as one input; weighing by
 * length was worst. With the fine-tuned models, half emphasis and half the whole text read emotion best, and the
 * polarity of clear multi-sentence comments best ({@link #withWholeText}).
 */
public enum ReadingRule {
    MEAN, LENGTH, SALIENCE, EMPHASIS;

    /** The default rule of the suite. */
    public static final ReadingRule DEFAULT = EMPHASIS;
    /** Weight floor of a neutral sentence under {@link #SALIENCE} and {@link #EMPHASIS}, relative to a fully emotional one. */
    static final double SALIENCE_FLOOR = 0.1;

    /**
     * The weight of each sentence, given its sentiment distribution (label to probability; a label named
     * "neutral", in any case, is the neutral one: without it every sentence is fully salient).
     */
    public double[] weights(List<Sentence> sentences, List<Map<String, Double>> sentiment) {
        double[] w = new double[sentences.size()];
        for (int i = 0; i < w.length; i++) {
            int words = Math.max(1, sentences.get(i).words());
            w[i] = switch (this) {
                case MEAN -> 1;
                case LENGTH -> words;
                case SALIENCE -> words * (SALIENCE_FLOOR + (1 - SALIENCE_FLOOR) * (1 - neutral(sentiment.get(i))));
                case EMPHASIS -> SALIENCE_FLOOR + (1 - SALIENCE_FLOOR) * (1 - neutral(sentiment.get(i)));
            };
        }
        return w;
    }

    /** The weighted mean of distributions that share their labels, in the first one's label order. */
    public static Map<String, Double> combine(List<Map<String, Double>> distributions, double[] weights) {
        if (distributions.isEmpty() || distributions.size() != weights.length) {
            throw new IllegalArgumentException("one weight per distribution, at least one");
        }
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String label : distributions.get(0).keySet()) {
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] * distributions.get(i).getOrDefault(label, 0.0);
            }
            out.put(label, total > 0 ? sum / total : 0);
        }
        return out;
    }

    /**
     * A text's emotion (or sentiment) from its sentences' aggregate and the text read whole (one input, windows when long):
     * their weighted mean, {@code wholeShare} of it the whole text's. The emotion model has no neutral label, so
     * a plain sentence ("The biopsy results come back on Thursday.") answers an emotion it does not carry; the
     * whole text keeps what the sentences say together ("... I keep checking my phone. What if it's bad
     * news?"). Measured on dev data (models-build README, "Reading by sentence"): half and half read the emotion
     * of multi-sentence GoEmotions comments better than either alone.
     */
    public static Map<String, Double> withWholeText(Map<String, Double> aggregate, Map<String, Double> whole, double wholeShare) {
        requireShare(wholeShare);
        return combine(List.of(aggregate, whole), new double[]{1 - wholeShare, wholeShare});
    }

    /** The whole text's share, checked: 0..1. */
    public static double requireShare(double wholeShare) {
        if (wholeShare < 0 || wholeShare > 1) {
            throw new IllegalArgumentException("the whole text's share is 0..1, not " + wholeShare);
        }
        return wholeShare;
    }

    /** P(neutral) of a sentiment distribution, 0 when the model has no neutral label. */
    static double neutral(Map<String, Double> sentiment) {
        for (Map.Entry<String, Double> e : sentiment.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("neutral")) {
                return e.getValue();
            }
        }
        return 0;
    }

    /** The mood of a sentiment distribution: P(positive) - P(negative), by label name, in -1..1. */
    public static double mood(Map<String, Double> sentiment) {
        double mood = 0;
        for (Map.Entry<String, Double> e : sentiment.entrySet()) {
            String label = e.getKey().toLowerCase(Locale.ROOT);
            if (label.equals("positive")) {
                mood += e.getValue();
            } else if (label.equals("negative")) {
                mood -= e.getValue();
            }
        }
        return mood;
    }

    /**
     * Which sentences carried the entry's mood: those whose weighted mood has the entry's sign and is at
     * least half the largest such contribution, when the entry's mood is clear (|mood| of at least 0.1).
     */
    public static boolean[] carriers(double[] weights, List<Map<String, Double>> sentiment, double entryMood) {
        double[] moods = new double[sentiment.size()];
        for (int i = 0; i < moods.length; i++) {
            moods[i] = mood(sentiment.get(i));
        }
        return carriers(weights, moods, entryMood);
    }

    /** {@link #carriers(double[], List, double)} from each sentence's mood. */
    public static boolean[] carriers(double[] weights, double[] moods, double entryMood) {
        boolean[] out = new boolean[weights.length];
        if (Math.abs(entryMood) < 0.1) {
            return out;
        }
        double[] contribution = new double[weights.length];
        double largest = 0;
        for (int i = 0; i < weights.length; i++) {
            contribution[i] = weights[i] * moods[i] * Math.signum(entryMood);
            largest = Math.max(largest, contribution[i]);
        }
        for (int i = 0; i < weights.length; i++) {
            out[i] = largest > 0 && contribution[i] >= largest / 2;
        }
        return out;
    }
}
