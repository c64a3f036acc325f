package dev.moodlens.models.tune;

import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.SequenceClassifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weights of a tier's ensemble, chosen on the validation sets its members' epochs were chosen on (the
 * task's {@link TrainingPlan}; test splits are never read): every weighting on a grid of 1/{@value #STEPS}
 * steps is scored with the plan's weighted validation score of the weighted mean of the members' fp32
 * probabilities, and the best is kept; of equal scores, the most even. Members differ in what they read
 * best (the full fine-tune EmoBank's valence, the adapters model GoEmotions' comments; before, e5-small prose and
 * bge-small tweets), so an even mean gives away what the better member knows.
 */
final class EnsembleWeights {

    static final int STEPS = 20;
    private static final int BATCH = 32;
    /**
     * ONNX Runtime threads for the members' probabilities: fixed, as training's libtorch threads are, so that a
     * machine's core count never changes a float sum and with it, in a near tie, the weights chosen.
     */
    private static final int THREADS = 2;

    /** The chosen weights (summing to 1), their validation score, each member's own and the even mean's. */
    record Choice(float[] weights, double score, double[] memberScores, double evenScore) {
    }

    private EnsembleWeights() {
    }

    /** Scores the members on the plan's validation sets, then chooses the weights. */
    static Choice choose(TrainingPlan plan, List<Path> members) {
        List<TrainingPlan.Validation> validations = plan.validations();
        float[][][][] p = new float[members.size()][validations.size()][][];
        for (int m = 0; m < members.size(); m++) {
            ModelDirectory model = ModelDirectory.open(members.get(m));
            if (!model.labels().equals(plan.task().labels())) {
                throw new IllegalArgumentException(members.get(m) + " has labels " + model.labels() + ", not " + plan.task().labels());
            }
            try (SequenceClassifier classifier = SequenceClassifier.open(model, Precision.FP32, THREADS)) {
                for (int v = 0; v < validations.size(); v++) {
                    p[m][v] = classifier.probabilities(validations.get(v).texts().texts(), BATCH);
                }
            }
        }
        return choose(validations, p);
    }

    /** Chooses among the grid's weightings, given {@code p[member][validation set][text][label]}. */
    static Choice choose(List<TrainingPlan.Validation> validations, float[][][][] p) {
        int n = p.length;
        double[] memberScores = new double[n];
        for (int m = 0; m < n; m++) {
            float[] only = new float[n];
            only[m] = 1;
            memberScores[m] = score(validations, p, only);
        }
        float[] even = new float[n];
        Arrays.fill(even, 1f / n);
        double evenScore = score(validations, p, even);
        float[] best = even;
        double bestScore = evenScore;
        for (float[] w : grid(n)) {
            double s = score(validations, p, w);
            if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && unevenness(w) < unevenness(best))) {
                best = w;
                bestScore = s;
            }
        }
        return new Choice(best, bestScore, memberScores, evenScore);
    }

    /** The plan's weighted validation score (0..100) of the members' probabilities mixed by {@code w}. */
    static double score(List<TrainingPlan.Validation> validations, float[][][][] p, float[] w) {
        double weighted = 0;
        double weights = 0;
        for (int v = 0; v < validations.size(); v++) {
            TrainingPlan.Validation validation = validations.get(v);
            int texts = p[0][v].length;
            float[][] mixed = new float[texts][];
            for (int i = 0; i < texts; i++) {
                float[] mean = new float[p[0][v][i].length];
                for (int m = 0; m < p.length; m++) {
                    for (int l = 0; l < mean.length; l++) {
                        mean[l] += w[m] * p[m][v][i][l];
                    }
                }
                mixed[i] = mean;
            }
            weighted += validation.weight()
                    * FineTuner.score(validation.metric(), validation.texts().labels(), validation.texts().targets(), mixed);
            weights += validation.weight();
        }
        return weighted / weights;
    }

    /** Every weighting of {@code n} members in steps of 1/{@value #STEPS} (each at least one step), summing to 1. */
    static List<float[]> grid(int n) {
        List<float[]> out = new ArrayList<>();
        compose(new int[n], 0, STEPS, out);
        return out;
    }

    private static void compose(int[] parts, int at, int left, List<float[]> out) {
        if (at == parts.length - 1) {
            if (left < 1) {
                return;
            }
            parts[at] = left;
            float[] w = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                w[i] = (float) parts[i] / STEPS;
            }
            out.add(w);
            return;
        }
        for (int k = 1; k <= left - (parts.length - 1 - at); k++) {
            parts[at] = k;
            compose(parts, at + 1, left - k, out);
        }
    }

    private static double unevenness(float[] w) {
        double max = 0;
        for (float x : w) {
            max = Math.max(max, Math.abs(x - 1.0 / w.length));
        }
        return max;
    }
}
