package dev.moodlens.models.tune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.moodlens.models.eval.ConfusionMatrix;
import dev.moodlens.models.head.Task;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes a {@link TunableClassifier} (encoder and head together) with DJL's PyTorch engine and
 * keeps the weights of the best epoch on the validation split (early stopping).
 * Memory: every array a step makes lives in an {@link NDScope} closed at the end of the step (arrays
 * made from parameters would otherwise pile up in the parameters' manager); gradients are zeroed
 * after each update (PyTorch accumulates them).
 */
public final class FineTuner {

    public record Epoch(int epoch, double trainLoss, double validationScore, double seconds) {
    }

    public record Result(Map<String, float[]> best, int bestEpoch, double bestScore, List<Epoch> epochs) {
    }

    private static final int EVAL_BATCH = 64;

    private final NDManager manager;
    private final PrintStream log;

    public FineTuner(NDManager manager, PrintStream log) {
        this.manager = manager;
        this.log = log;
    }

    public Result fit(TunableClassifier model, TokenizedTexts train, TokenizedTexts validation, Recipe recipe) {
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        Task task = model.task();
        int labels = task.labels().size();
        float[] classWeights = balancedWeights(train.labels(), labels);
        Map<String, NDArray> parameters = new java.util.LinkedHashMap<>(model.parameters());
        parameters.keySet().removeIf(role -> !recipe.trains(role));
        parameters.values().forEach(p -> p.setRequiresGradient(true));

        int stepsPerEpoch = LengthBatches.of(train.ids(), recipe.batchSize()).size();
        int totalSteps = stepsPerEpoch * recipe.maxEpochs();
        int warmup = Math.max(1, Math.round(totalSteps * recipe.warmupFraction()));
        Optimizer decayed = Optimizer.adamW().optWeightDecays(recipe.weightDecay())
                .optLearningRateTracker(schedule(recipe.encoderLearningRate(), warmup, totalSteps)).build();
        Optimizer undecayed = Optimizer.adamW().optWeightDecays(0f)
                .optLearningRateTracker(schedule(recipe.encoderLearningRate(), warmup, totalSteps)).build();
        Optimizer head = Optimizer.adamW().optWeightDecays(recipe.weightDecay())
                .optLearningRateTracker(schedule(recipe.headLearningRate(), warmup, totalSteps)).build();

        List<Epoch> epochs = new ArrayList<>();
        Map<String, float[]> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= recipe.maxEpochs(); epoch++) {
            long start = System.nanoTime();
            List<int[]> batches = LengthBatches.shuffled(train.ids(), recipe.batchSize(), recipe.seed() + epoch);
            ProgressLine progress = new ProgressLine(log, task.id() + " epoch " + epoch, batches.size());
            double lossSum = 0;
            for (int[] batch : batches) {
                float loss = step(model, train, batch, classWeights, recipe.dropout());
                lossSum += loss;
                for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                    Optimizer optimizer = p.getKey().startsWith("moodlens_head.") ? head
                            : decays(p.getKey()) ? decayed : undecayed;
                    try (NDArray gradient = p.getValue().getGradient()) {
                        optimizer.update(p.getKey(), p.getValue(), gradient);
                        gradient.subi(gradient);
                    }
                }
                progress.advance(String.format("loss %.4f", loss));
            }
            double score = score(task, validation.labels(), predict(model, validation));
            double seconds = (System.nanoTime() - start) / 1e9;
            epochs.add(new Epoch(epoch, lossSum / batches.size(), score, seconds));
            progress.done(String.format("mean loss %.4f, validation %.2f, %.0f s", lossSum / batches.size(), score, seconds));
            if (score > bestScore) {
                bestScore = score;
                bestEpoch = epoch;
                best = model.snapshot();
            } else if (epoch - bestEpoch >= recipe.patience()) {
                log.printf("%s: early stop after epoch %d (best epoch %d)%n", task.id(), epoch, bestEpoch);
                break;
            }
        }
        parameters.values().forEach(p -> p.setRequiresGradient(false));
        model.restore(best);
        return new Result(best, bestEpoch, bestScore, epochs);
    }

    /** Forward, class-weighted cross-entropy (weighted mean, as PyTorch's), backward; returns the loss. */
    private float step(TunableClassifier model, TokenizedTexts data, int[] batch, float[] classWeights, float dropout) {
        try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            PaddedBatch padded = PaddedBatch.of(data.ids(), batch);
            int labels = classWeights.length;
            float[] target = new float[batch.length * labels];
            float weightSum = 0;
            for (int i = 0; i < batch.length; i++) {
                int label = data.labels()[batch[i]];
                target[i * labels + label] = classWeights[label];
                weightSum += classWeights[label];
            }
            NDArray ids = manager.create(padded.ids(), new Shape(batch.length, padded.width()));
            NDArray mask = manager.create(padded.mask(), new Shape(batch.length, padded.width()));
            NDArray logits = model.logits(ids, mask, dropout);
            NDArray loss = logits.logSoftmax(1).mul(manager.create(target, new Shape(batch.length, labels)))
                    .sum().neg().div(weightSum);
            collector.backward(loss);
            scope.suppressNotUsedWarning();
            return loss.getFloat();
        }
    }

    /** Predicted label per text (no dropout, no gradients). */
    public int[] predict(TunableClassifier model, TokenizedTexts data) {
        int[] predicted = new int[data.size()];
        for (int[] batch : LengthBatches.of(data.ids(), EVAL_BATCH)) {
            try (NDScope scope = new NDScope()) {
                PaddedBatch padded = PaddedBatch.of(data.ids(), batch);
                NDArray ids = manager.create(padded.ids(), new Shape(batch.length, padded.width()));
                NDArray mask = manager.create(padded.mask(), new Shape(batch.length, padded.width()));
                long[] argmax = model.logits(ids, mask, 0f).argMax(1).toLongArray();
                for (int i = 0; i < batch.length; i++) {
                    predicted[batch[i]] = (int) argmax[i];
                }
                scope.suppressNotUsedWarning();
            }
        }
        return predicted;
    }

    /** Selection score: sentiment macro-recall (TweetEval's metric), emotion mean of accuracy and macro-F1. */
    public static double score(Task task, int[] truth, int[] predicted) {
        ConfusionMatrix m = ConfusionMatrix.of(task.labels(), truth, predicted);
        return task == Task.SENTIMENT ? m.macroRecall() : (m.accuracy() + m.macroF1()) / 2;
    }

    /** n / (classes · count): every class weighs the same in the loss. */
    static float[] balancedWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0f : (float) labels.length / (classes * counts[c]);
        }
        return w;
    }

    /** Weight decay on weight matrices and embeddings only, never on biases and LayerNorm. */
    static boolean decays(String role) {
        return !role.endsWith(".bias") && !role.contains("LayerNorm");
    }

    /** Linear warm-up over {@code warmup} updates, then linear decay to 0 at {@code total}. */
    static ParameterTracker schedule(float base, int warmup, int total) {
        return (parameterId, update) -> {
            if (update < warmup) {
                return base * (update + 1) / warmup;
            }
            return base * Math.max(0f, (float) (total - update) / Math.max(1, total - warmup));
        };
    }
}
