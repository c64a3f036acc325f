package dev.moodlens.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Class-weighted multinomial logistic regression over dense standardised embeddings plus a sparse
 * bag of wordpieces, with separate L2 penalties, fitted by L-BFGS. Parameters are laid out as
 * [weights (features x labels) | bias (labels) | bag (bagSize x labels)].
 * <p>
 * The loss is summed over a fixed number of chunks, each computed on its own and added in order,
 * so the result is bit-for-bit the same whatever the number of threads.
 */
final class SoftmaxRegression {

    /**
     * @param x         standardised embeddings [samples][features]
     * @param bagRows   per sample, the bag rows of its wordpieces (repeats allowed: counts)
     * @param y         label per sample
     * @param weight    per-sample weight (class balancing), mean 1
     */
    record Problem(float[][] x, int[][] bagRows, int[] y, double[] weight, int labels, int bagSize) {

        int features() {
            return x[0].length;
        }

        int parameters() {
            return features() * labels + labels + bagSize * labels;
        }
    }

    private static final int CHUNKS = 16;
    static final int MAX_ITERATIONS = Integer.getInteger("moodlens.train.max-iterations", 400);
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));

    private SoftmaxRegression() {
    }

    static Lbfgs.Result fit(Problem p, double l2Embedding, double l2Bag) {
        Lbfgs.Objective objective = (theta, grad) -> evaluate(p, theta, grad, l2Embedding, l2Bag);
        return Lbfgs.minimize(objective, new double[p.parameters()], MAX_ITERATIONS, 1e-6);
    }

    static double evaluate(Problem p, double[] theta, double[] grad, double l2Embedding, double l2Bag) {
        int n = p.y().length;
        int chunk = (n + CHUNKS - 1) / CHUNKS;
        List<Future<double[]>> parts = new ArrayList<>();
        for (int c = 0; c < CHUNKS; c++) {
            int from = Math.min(n, c * chunk);
            int to = Math.min(n, from + chunk);
            parts.add(POOL.submit(() -> chunk(p, theta, from, to)));
        }
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        try {
            for (Future<double[]> part : parts) {
                double[] r = part.get();
                loss += r[grad.length];
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += r[i];
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("objective evaluation failed", e);
        }
        double totalWeight = 0;
        for (double w : p.weight()) {
            totalWeight += w;
        }
        loss /= totalWeight;
        for (int i = 0; i < grad.length; i++) {
            grad[i] /= totalWeight;
        }
        int embeddingEnd = p.features() * p.labels();
        int bagStart = embeddingEnd + p.labels();
        for (int i = 0; i < embeddingEnd; i++) {
            loss += 0.5 * l2Embedding * theta[i] * theta[i];
            grad[i] += l2Embedding * theta[i];
        }
        for (int i = bagStart; i < theta.length; i++) {
            loss += 0.5 * l2Bag * theta[i] * theta[i];
            grad[i] += l2Bag * theta[i];
        }
        return loss;
    }

    /** Weighted loss and gradient of samples [from, to); the loss is stored after the gradient. */
    private static double[] chunk(Problem p, double[] theta, int from, int to) {
        int labels = p.labels();
        int features = p.features();
        int biasStart = features * labels;
        int bagStart = biasStart + labels;
        double[] out = new double[theta.length + 1];
        double[] z = new double[labels];
        double loss = 0;
        for (int i = from; i < to; i++) {
            logits(p, theta, i, z);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int l = 0; l < labels; l++) {
                z[l] = Math.exp(z[l] - max);
                sum += z[l];
            }
            double w = p.weight()[i];
            int yi = p.y()[i];
            loss -= w * Math.log(z[yi] / sum);
            for (int l = 0; l < labels; l++) {
                z[l] = w * (z[l] / sum - (l == yi ? 1 : 0));
            }
            float[] x = p.x()[i];
            for (int f = 0; f < features; f++) {
                double xf = x[f];
                int base = f * labels;
                for (int l = 0; l < labels; l++) {
                    out[base + l] += xf * z[l];
                }
            }
            for (int l = 0; l < labels; l++) {
                out[biasStart + l] += z[l];
            }
            for (int row : p.bagRows()[i]) {
                int base = bagStart + row * labels;
                for (int l = 0; l < labels; l++) {
                    out[base + l] += z[l];
                }
            }
        }
        out[theta.length] = loss;
        return out;
    }

    static void logits(Problem p, double[] theta, int i, double[] z) {
        int labels = p.labels();
        int features = p.features();
        int biasStart = features * labels;
        int bagStart = biasStart + labels;
        for (int l = 0; l < labels; l++) {
            z[l] = theta[biasStart + l];
        }
        float[] x = p.x()[i];
        for (int f = 0; f < features; f++) {
            double xf = x[f];
            int base = f * labels;
            for (int l = 0; l < labels; l++) {
                z[l] += xf * theta[base + l];
            }
        }
        for (int row : p.bagRows()[i]) {
            int base = bagStart + row * labels;
            for (int l = 0; l < labels; l++) {
                z[l] += theta[base + l];
            }
        }
    }
}
