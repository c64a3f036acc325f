package dev.moodlens.models.runtime;

/** Softmax probabilities of one text, in the order of the model's labels. */
public record Prediction(float[] probabilities, boolean truncated) {

    /** The index of the most probable label (the first of equal ones). */
    public int best() {
        return best(probabilities);
    }

    /** The index of the largest of {@code scores} (the first of equal ones). */
    public static int best(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
