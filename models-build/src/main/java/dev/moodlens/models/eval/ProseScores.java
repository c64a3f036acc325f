package dev.moodlens.models.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The prose figures of a three-way sentiment model, from its mood (P(positive) - P(negative)) per text:
 * SST-2 accuracy (SST test sentences without the neutral ones: positive when P(positive) > P(negative)),
 * SST-5 accuracy (the mood cut into five ordered classes at thresholds chosen on SST dev, since a three-way
 * model has no "very" classes of its own) and the Pearson r of the mood with EmoBank dev valence.
 */
public final class ProseScores {

    private ProseScores() {
    }

    /** Percent of non-neutral texts (labels 0-1 negative, 3-4 positive) whose sign of mood is right. */
    public static double sst2Accuracy(double[] mood, int[] fineLabels) {
        int right = 0;
        int n = 0;
        for (int i = 0; i < mood.length; i++) {
            if (fineLabels[i] != 2) {
                n++;
                right += (mood[i] > 0) == (fineLabels[i] > 2) ? 1 : 0;
            }
        }
        return 100.0 * right / Math.max(1, n);
    }

    /**
     * The four mood thresholds that best cut {@code mood} into the ordered classes 0..4 of {@code labels}
     * (most texts right), by dynamic programming over the texts sorted by mood; each threshold is the
     * midpoint between the two texts it separates.
     */
    public static double[] fitThresholds(double[] mood, int[] labels) {
        int n = mood.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> mood[i]));
        int classes = 5;
        // best[c][i]: most right answers when the first i sorted texts get classes 0..c
        int[][] best = new int[classes][n + 1];
        int[][] cut = new int[classes][n + 1];
        int[][] prefix = new int[classes][n + 1];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < n; i++) {
                prefix[c][i + 1] = prefix[c][i] + (labels[order[i]] == c ? 1 : 0);
            }
        }
        for (int i = 0; i <= n; i++) {
            best[0][i] = prefix[0][i];
        }
        for (int c = 1; c < classes; c++) {
            for (int i = 0; i <= n; i++) {
                best[c][i] = -1;
                for (int j = 0; j <= i; j++) {
                    int v = best[c - 1][j] + prefix[c][i] - prefix[c][j];
                    if (v > best[c][i]) {
                        best[c][i] = v;
                        cut[c][i] = j;
                    }
                }
            }
        }
        double[] thresholds = new double[classes - 1];
        int end = n;
        for (int c = classes - 1; c >= 1; c--) {
            int j = cut[c][end];
            double below = j > 0 ? mood[order[j - 1]] : -1.0;
            double above = j < n ? mood[order[j]] : 1.0;
            thresholds[c - 1] = (below + above) / 2;
            end = j;
        }
        return thresholds;
    }

    public static double sst5Accuracy(double[] mood, int[] labels, double[] thresholds) {
        int right = 0;
        for (int i = 0; i < mood.length; i++) {
            int c = 0;
            while (c < thresholds.length && mood[i] > thresholds[c]) {
                c++;
            }
            right += c == labels[i] ? 1 : 0;
        }
        return 100.0 * right / Math.max(1, mood.length);
    }
}
