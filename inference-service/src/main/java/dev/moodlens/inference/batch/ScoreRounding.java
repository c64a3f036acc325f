package dev.moodlens.inference.batch;

/**
 * Makes answers batch-invariant. ONNX Runtime's fp32 kernels give a text's probabilities that differ
 * in the last bits with the batch shape (measured on the bundled models: max |diff| 3e-7 between a text
 * run alone and in length-sorted batches of 32, over 2,000 tweets). Scores are rounded to
 * {@code decimals}, and a batched text whose rounding could go either way (a score within
 * {@code margin} of a rounding boundary, or its two best labels within {@code margin}) is run again
 * alone: the answer is then always the rounded result of the text run alone, whatever its batch-mates.
 */
public record ScoreRounding(int decimals, double margin) {

    public double round(float probability) {
        double scale = Math.pow(10, decimals);
        return Math.round(probability * scale) / scale;
    }

    /** True when noise of up to {@code margin} could change the rounded scores or the label. */
    public boolean ambiguous(float[] probabilities) {
        double scale = Math.pow(10, decimals);
        float best = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (float p : probabilities) {
            double scaled = p * scale;
            double fraction = scaled - Math.floor(scaled);
            if (Math.abs(fraction - 0.5) < margin * scale) {
                return true;
            }
            if (p > best) {
                second = best;
                best = p;
            } else if (p > second) {
                second = p;
            }
        }
        return probabilities.length > 1 && best - second < margin;
    }
}
