package dev.moodlens.models.tune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.moodlens.models.eval.ConfusionMatrix;
import dev.moodlens.models.eval.Correlation;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.Task;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes a {@link TunableClassifier} (encoder and head together) with DJL's PyTorch engine on several
 * sources at once and keeps the weights of the epoch with the best weighted validation score.
 * Memory: every array a step makes lives in an {@link NDScope} closed at the end of the step (arrays
 * made from parameters would otherwise pile up in the parameters' manager); gradients are zeroed
 * after each update (PyTorch accumulates them).
 */
public final class FineTuner {

    /** A tokenized training source and how many of its texts each epoch draws (0: all). */
    public record Source(String name, TokenizedTexts texts, int perEpoch) {
    }

    /** A tokenized validation set, its metric and its weight in the selection score. */
    public record Validation(String name, TokenizedTexts texts, TrainingPlan.Metric metric, double weight) {
    }

    public record Epoch(int epoch, int texts, double trainLoss, Map<String, Double> validation, double score, double seconds) {
    }

    public record Result(Map<String, float[]> best, int bestEpoch, double bestScore, List<Epoch> epochs) {
    }

    private static final int EVAL_BATCH = 64;
    /** Gradients are scaled down to this global L2 norm (as Hugging Face's Trainer does by default). */
    static final float MAX_GRADIENT_NORM = 1f;
    /** More non-finite steps than this in one epoch: training has diverged, stop with an error. */
    static final int MAX_SKIPPED_STEPS = 10;
    /** The sentiment labels whose probability difference is the mood: positive minus negative. */
    private static final int NEGATIVE = 0;
    private static final int POSITIVE = 2;

    private final NDManager manager;
    private final PrintStream log;

    public FineTuner(NDManager manager, PrintStream log) {
        this.manager = manager;
        this.log = log;
    }

    /** Single-source form: all of {@code train} every epoch, selected on {@code validation} by the task's own score. */
    public Result fit(TunableClassifier model, TokenizedTexts train, TokenizedTexts validation, Recipe recipe) {
        TrainingPlan.Metric metric = model.task() == Task.SENTIMENT ? TrainingPlan.Metric.MACRO_RECALL
                : TrainingPlan.Metric.ACCURACY_F1;
        return fit(model, List.of(new Source("train", train, 0)), List.of(new Validation("validation", validation, metric, 1)),
                recipe);
    }

    public Result fit(TunableClassifier model, List<Source> sources, List<Validation> validations, Recipe recipe) {
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        Task task = model.task();
        int labels = task.labels().size();
        Map<String, NDArray> parameters = new LinkedHashMap<>(model.parameters());
        parameters.keySet().removeIf(role -> !recipe.trains(role));
        parameters.values().forEach(p -> p.setRequiresGradient(true));

        TokenizedTexts first = draw(sources, 1, recipe.seed());
        float[] classWeights = balancedWeights(first.labels(), labels);
        int stepsPerEpoch = LengthBatches.of(first.ids(), recipe.batchSize()).size();
        int totalSteps = stepsPerEpoch * recipe.epochs();
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
        for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
            long start = System.nanoTime();
            TokenizedTexts train = epoch == 1 ? first : draw(sources, epoch, recipe.seed());
            List<int[]> batches = LengthBatches.shuffled(train.ids(), recipe.batchSize(), recipe.seed() + epoch);
            ProgressLine progress = new ProgressLine(log, task.id() + " epoch " + epoch, batches.size());
            double lossSum = 0;
            int skipped = 0;
            for (int[] batch : batches) {
                float loss = step(model, train, batch, classWeights, recipe);
                float scale = clipScale(parameters.values());
                if (!Float.isFinite(loss) || !Float.isFinite(scale)) {
                    // a non-finite step would poison every weight: drop its gradients, keep going, count it
                    // zeroed in place: set(Buffer) would swap the tensor's storage for a Java buffer that
                    // dies with this handle, while the parameter's gradient lives on in libtorch
                    parameters.values().forEach(p -> {
                        try (NDArray gradient = p.getGradient()) {
                            gradient.set(new NDIndex("..."), 0f);
                        }
                    });
                    skipped++;
                    if (skipped > MAX_SKIPPED_STEPS) {
                        throw new IllegalStateException(task.id() + ": " + skipped + " non-finite steps in epoch " + epoch
                                + "; training diverged");
                    }
                    progress.advance("non-finite step skipped");
                    continue;
                }
                lossSum += loss;
                for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                    Optimizer optimizer = p.getKey().startsWith("moodlens_head.") ? head
                            : decays(p.getKey()) ? decayed : undecayed;
                    try (NDArray gradient = p.getValue().getGradient()) {
                        if (scale < 1f) {
                            gradient.muli(scale);
                        }
                        optimizer.update(p.getKey(), p.getValue(), gradient);
                        gradient.subi(gradient);
                    }
                }
                progress.advance(String.format("loss %.4f", loss));
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            double weighted = 0;
            double weights = 0;
            for (Validation v : validations) {
                double s = score(v.metric(), v.texts(), probabilities(model, v.texts()));
                scores.put(v.name(), twoDecimals(s));
                weighted += v.weight() * s;
                weights += v.weight();
            }
            double score = weighted / weights;
            double seconds = (System.nanoTime() - start) / 1e9;
            double meanLoss = lossSum / Math.max(1, batches.size() - skipped);
            epochs.add(new Epoch(epoch, train.size(), meanLoss, scores, score, seconds));
            progress.done(String.format("mean loss %.4f, validation %.2f %s, %.0f s, peak RSS %d MiB%s", meanLoss, score, scores,
                    seconds, PeakMemory.peakRssMib(), skipped > 0 ? ", " + skipped + " non-finite steps skipped" : ""));
            if (score > bestScore) {
                bestScore = score;
                bestEpoch = epoch;
                best = epoch == recipe.epochs() ? null : model.snapshot();
            }
        }
        parameters.values().forEach(p -> p.setRequiresGradient(false));
        if (best != null) {
            model.restore(best);
        } else {
            best = model.snapshot();
        }
        return new Result(best, bestEpoch, bestScore, epochs);
    }

    /** The factor that brings the gradients' global L2 norm down to {@link #MAX_GRADIENT_NORM} (1 when below; NaN when not finite). */
    private static float clipScale(java.util.Collection<NDArray> parameters) {
        double squares = 0;
        for (NDArray p : parameters) {
            try (NDArray gradient = p.getGradient(); NDArray sq = gradient.square(); NDArray sum = sq.sum()) {
                squares += sum.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            return Float.NaN;
        }
        return norm > MAX_GRADIENT_NORM ? (float) (MAX_GRADIENT_NORM / (norm + 1e-6)) : 1f;
    }

    /** The texts of one epoch: each source's draw for it, in source order. */
    static TokenizedTexts draw(List<Source> sources, int epoch, long seed) {
        List<long[]> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Float> targets = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            Source source = sources.get(s);
            for (int i : Sampling.forEpoch(source.texts().size(), source.perEpoch(), epoch, seed * 31 + s)) {
                ids.add(source.texts().ids()[i]);
                labels.add(source.texts().labels()[i]);
                targets.add(source.texts().targets()[i]);
            }
        }
        float[] t = new float[targets.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = targets.get(i);
        }
        return new TokenizedTexts(ids.toArray(long[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(), t);
    }

    /**
     * Forward, loss, backward; returns the loss. The loss is the class-weighted cross-entropy of the labelled
     * texts plus {@code regressionWeight} times the squared error of P(positive) - P(negative) against the
     * target of the texts that have one, divided by the total weight (class weights plus regression weights).
     */
    private float step(TunableClassifier model, TokenizedTexts data, int[] batch, float[] classWeights, Recipe recipe) {
        try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            PaddedBatch padded = PaddedBatch.of(data.ids(), batch);
            int labels = classWeights.length;
            float[] target = new float[batch.length * labels];
            float[] regression = new float[batch.length];
            float[] regressionMask = new float[batch.length];
            float weightSum = 0;
            boolean anyRegression = false;
            for (int i = 0; i < batch.length; i++) {
                int label = data.labels()[batch[i]];
                if (label >= 0) {
                    target[i * labels + label] = classWeights[label];
                    weightSum += classWeights[label];
                }
                float t = data.targets()[batch[i]];
                if (!Float.isNaN(t)) {
                    regression[i] = t;
                    regressionMask[i] = recipe.regressionWeight();
                    weightSum += recipe.regressionWeight();
                    anyRegression = true;
                }
            }
            NDArray ids = manager.create(padded.ids(), new Shape(batch.length, padded.width()));
            NDArray mask = manager.create(padded.mask(), new Shape(batch.length, padded.width()));
            NDArray logp = model.logits(ids, mask, recipe.dropout()).logSoftmax(1);
            NDArray loss = logp.mul(manager.create(target, new Shape(batch.length, labels))).sum().neg();
            if (anyRegression) {
                NDArray p = logp.exp();
                NDArray mood = p.get(":, " + POSITIVE).sub(p.get(":, " + NEGATIVE));
                loss = loss.add(mood.sub(manager.create(regression)).square().mul(manager.create(regressionMask)).sum());
            }
            // an array of this scope, not loss.div(float): autograd keeps the divisor for the backward pass (BertEncoder)
            loss = loss.div(manager.create(Math.max(weightSum, 1e-6f)));
            float value = loss.getFloat();
            if (Float.isFinite(value)) {
                collector.backward(loss); // a non-finite loss is never propagated: the caller skips the step
            }
            scope.suppressNotUsedWarning();
            return value;
        }
    }

    /** Label probabilities per text (no dropout, no gradients). */
    public float[][] probabilities(TunableClassifier model, TokenizedTexts data) {
        float[][] out = new float[data.size()][];
        int labels = model.task().labels().size();
        for (int[] batch : LengthBatches.of(data.ids(), EVAL_BATCH)) {
            try (NDScope scope = new NDScope()) {
                PaddedBatch padded = PaddedBatch.of(data.ids(), batch);
                NDArray ids = manager.create(padded.ids(), new Shape(batch.length, padded.width()));
                NDArray mask = manager.create(padded.mask(), new Shape(batch.length, padded.width()));
                float[] p = model.logits(ids, mask, 0f).softmax(1).toFloatArray();
                for (int i = 0; i < batch.length; i++) {
                    out[batch[i]] = java.util.Arrays.copyOfRange(p, i * labels, (i + 1) * labels);
                }
                scope.suppressNotUsedWarning();
            }
        }
        return out;
    }

    /** Predicted label per text. */
    public int[] predict(TunableClassifier model, TokenizedTexts data) {
        float[][] p = probabilities(model, data);
        int[] predicted = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = Prediction.best(p[i]);
        }
        return predicted;
    }

    /** Selection score of the task's own single validation set: sentiment macro-recall, emotion mean of accuracy and macro-F1. */
    public static double score(Task task, int[] truth, int[] predicted) {
        ConfusionMatrix m = ConfusionMatrix.of(task.labels(), truth, predicted);
        return task == Task.SENTIMENT ? m.macroRecall() : (m.accuracy() + m.macroF1()) / 2;
    }

    /** One validation metric (0..100) of label probabilities against the texts' labels or targets. */
    static double score(TrainingPlan.Metric metric, TokenizedTexts data, float[][] p) {
        return score(metric, data.labels(), data.targets(), p);
    }

    /** One validation metric (0..100) of label probabilities against labels (or, for PEARSON, targets). */
    static double score(TrainingPlan.Metric metric, int[] labels, float[] targets, float[][] p) {
        switch (metric) {
            case PEARSON -> {
                double[] x = new double[p.length];
                double[] y = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    x[i] = p[i][POSITIVE] - p[i][NEGATIVE];
                    y[i] = targets[i];
                }
                return 100 * Correlation.pearson(x, y);
            }
            case BINARY_ACCURACY -> {
                int right = 0;
                int n = 0;
                for (int i = 0; i < p.length; i++) {
                    int l = labels[i];
                    if (l == NEGATIVE || l == POSITIVE) {
                        n++;
                        boolean positive = p[i][POSITIVE] > p[i][NEGATIVE];
                        right += positive == (l == POSITIVE) ? 1 : 0;
                    }
                }
                return 100.0 * right / Math.max(1, n);
            }
            default -> {
                List<String> names = new ArrayList<>();
                for (int c = 0; c < p[0].length; c++) {
                    names.add(Integer.toString(c));
                }
                int[] predicted = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    predicted[i] = Prediction.best(p[i]);
                }
                ConfusionMatrix m = ConfusionMatrix.of(names, labels, predicted);
                return switch (metric) {
                    case MACRO_RECALL -> m.macroRecall();
                    case MACRO_F1 -> m.macroF1();
                    default -> (m.accuracy() + m.macroF1()) / 2;
                };
            }
        }
    }

    /** n / (classes · count) over the labelled texts: every class weighs the same in the loss. */
    static float[] balancedWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        int n = 0;
        for (int l : labels) {
            if (l >= 0) {
                counts[l]++;
                n++;
            }
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0f : (float) n / (classes * counts[c]);
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

    /** A validation score (0..100) or an ensemble weight as config.json and the model cards record it: two decimals. */
    static double twoDecimals(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
