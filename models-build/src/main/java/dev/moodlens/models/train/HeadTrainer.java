package dev.moodlens.models.train;

import dev.moodlens.models.head.Head;
import dev.moodlens.models.runtime.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fits a {@link Head} on frozen features: standardise the pooled embeddings (statistics of the
 * fitting set), then class-balanced softmax regression on [embedding, bag of wordpieces].
 */
public final class HeadTrainer {

    /** [PAD], [CLS], [SEP], [MASK]: constant or absent in every text, so they get no bag row. [UNK] keeps one. */
    private static final int[] NO_BAG_ROW = {0, 101, 102, 103};

    /**
     * Hyper-parameters: L2 strength on the embedding weights and on the bag (bag off when not used),
     * and class balancing: sample weight (n / (k * n_class))^balance, 1 = fully balanced, 0 = none.
     */
    public record Setting(double l2Embedding, double l2Bag, boolean bag, double balance) {

        public static Setting withBag(double l2Embedding, double l2Bag, double balance) {
            return new Setting(l2Embedding, l2Bag, true, balance);
        }

        public static Setting embeddingOnly(double l2Embedding, double balance) {
            return new Setting(l2Embedding, 0, false, balance);
        }

        @Override
        public String toString() {
            return (bag ? String.format("l2_embedding=%g l2_bag=%g", l2Embedding, l2Bag)
                    : String.format("l2_embedding=%g (no bag)", l2Embedding)) + " balance=" + balance;
        }
    }

    /** L-BFGS iterations at most per fit. */
    public static final int MAX_ITERATIONS = SoftmaxRegression.MAX_ITERATIONS;

    private HeadTrainer() {
    }

    public static Head fit(Task task, Features features, int[] labels, Setting setting, Map<String, Object> recipe) {
        int n = features.size();
        int dims = features.pooled()[0].length;
        int k = task.labels().size();
        float[] mean = new float[dims];
        float[] scale = new float[dims];
        for (int d = 0; d < dims; d++) {
            double sum = 0;
            for (float[] row : features.pooled()) {
                sum += row[d];
            }
            double mu = sum / n;
            double sq = 0;
            for (float[] row : features.pooled()) {
                sq += (row[d] - mu) * (row[d] - mu);
            }
            mean[d] = (float) mu;
            scale[d] = (float) Math.max(Math.sqrt(sq / n), 1e-6);
        }
        float[][] x = new float[n][dims];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dims; d++) {
                x[i][d] = (features.pooled()[i][d] - mean[d]) / scale[d];
            }
        }
        int[] bagIds = setting.bag() ? bagVocabulary(features) : new int[0];
        int[][] bagRows = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> rows = new ArrayList<>();
            for (long id : features.ids()[i]) {
                int row = java.util.Arrays.binarySearch(bagIds, (int) id);
                if (row >= 0) {
                    rows.add(row);
                }
            }
            bagRows[i] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
        SoftmaxRegression.Problem problem = new SoftmaxRegression.Problem(
                x, bagRows, labels, balancedWeights(labels, k, setting.balance()), k, bagIds.length);
        Lbfgs.Result result = SoftmaxRegression.fit(problem, setting.l2Embedding(), setting.l2Bag());
        double[] theta = result.x();
        float[][] weights = new float[dims][k];
        float[] bias = new float[k];
        float[][] bag = new float[bagIds.length][k];
        for (int d = 0; d < dims; d++) {
            for (int l = 0; l < k; l++) {
                weights[d][l] = (float) theta[d * k + l];
            }
        }
        for (int l = 0; l < k; l++) {
            bias[l] = (float) theta[dims * k + l];
        }
        int bagStart = dims * k + k;
        for (int r = 0; r < bagIds.length; r++) {
            for (int l = 0; l < k; l++) {
                bag[r][l] = (float) theta[bagStart + r * k + l];
            }
        }
        Map<String, Object> fullRecipe = new TreeMap<>(recipe);
        fullRecipe.put("l2_embedding", setting.l2Embedding());
        fullRecipe.put("l2_bag", setting.bag() ? setting.l2Bag() : null);
        fullRecipe.put("bag_of_wordpieces", setting.bag());
        fullRecipe.put("class_balance", setting.balance());
        fullRecipe.put("lbfgs_iterations", result.iterations());
        fullRecipe.put("training_texts", n);
        return new Head(task, mean, scale, weights, bias, bagIds, bag, fullRecipe);
    }

    /** Wordpieces that occur in the fitting set, ascending; unseen ones would only ever be zero. */
    static int[] bagVocabulary(Features features) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (long[] text : features.ids()) {
            for (long id : text) {
                ids.add((int) id);
            }
        }
        for (int special : NO_BAG_ROW) {
            ids.remove(special);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Class weights (n / (k * n_class))^balance, scaled to mean 1: balance 1 gives every class the
     * same total weight, 0 weighs every sample alike.
     */
    static double[] balancedWeights(int[] labels, int k, double balance) {
        int[] counts = new int[k];
        for (int y : labels) {
            counts[y]++;
        }
        double[] w = new double[labels.length];
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            w[i] = Math.pow((double) labels.length / (k * counts[labels[i]]), balance);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] *= labels.length / sum;
        }
        return w;
    }

    public static int[] predict(Head head, Features features) {
        int[] out = new int[features.size()];
        for (int i = 0; i < out.length; i++) {
            float[] z = head.logits(features.pooled()[i], features.ids()[i]);
            int best = 0;
            for (int l = 1; l < z.length; l++) {
                if (z[l] > z[best]) {
                    best = l;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Stratified fold index per sample, from a fixed seed. */
    static int[] stratifiedFolds(int[] labels, int folds, long seed) {
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        int k = java.util.Arrays.stream(labels).max().orElse(0) + 1;
        int next = 0;
        for (int c = 0; c < k; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, random);
            for (int i : members) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    static Features select(Features f, int[] indexes) {
        float[][] pooled = new float[indexes.length][];
        long[][] ids = new long[indexes.length][];
        for (int i = 0; i < indexes.length; i++) {
            pooled[i] = f.pooled()[indexes[i]];
            ids[i] = f.ids()[indexes[i]];
        }
        return new Features(pooled, ids);
    }

    static int[] select(int[] values, int[] indexes) {
        int[] out = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            out[i] = values[indexes[i]];
        }
        return out;
    }
}
