package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.Classification;

import java.util.Locale;
import java.util.Map;

/** The mood score of a sentiment result: P(positive) - P(negative), in [-1, 1], rounded like the scores it comes from. */
public final class Mood {

    private Mood() {
    }

    public static double of(Classification sentiment) {
        if (sentiment == null) {
            return 0;
        }
        double positive = 0;
        double negative = 0;
        boolean found = false;
        if (sentiment.scores() != null) {
            for (Map.Entry<String, Double> e : sentiment.scores().entrySet()) {
                String label = e.getKey().toLowerCase(Locale.ROOT);
                if (label.startsWith("pos")) {
                    positive += e.getValue();
                    found = true;
                } else if (label.startsWith("neg")) {
                    negative += e.getValue();
                    found = true;
                }
            }
        }
        if (!found && sentiment.label() != null) {
            String label = sentiment.label().toLowerCase(Locale.ROOT);
            positive = label.startsWith("pos") ? sentiment.score() : 0;
            negative = label.startsWith("neg") ? sentiment.score() : 0;
        }
        return round(Math.max(-1, Math.min(1, positive - negative)));
    }

    /** Rounded to {@value #DECIMALS} decimals, as the inference service rounds its scores (no float noise in JSON). */
    public static double round(double value) {
        return Math.round(value * SCALE) / SCALE;
    }

    static final int DECIMALS = 4;
    private static final double SCALE = 1e4;
}
