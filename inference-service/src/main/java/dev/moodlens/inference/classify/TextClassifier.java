package dev.moodlens.inference.classify;

import dev.moodlens.common.api.Classification;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.batch.QueueFullException;
import dev.moodlens.inference.batch.ScoreRounding;
import dev.moodlens.inference.batch.TaskBatchers;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.inference.model.LoadedModel;
import dev.moodlens.inference.model.ModelRegistry;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.runtime.TokenizedText;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classifies texts for a task: takes a reference on the serving model, tokenizes on the calling
 * (worker) thread, queues the texts in the task's batcher and turns probabilities into answers.
 * Scores are rounded to {@code score-decimals}; with the batcher's re-check of ambiguous texts
 * ({@link ScoreRounding}) the answer is the same whatever the batch-mates.
 */
@ApplicationScoped
public class TextClassifier {

    private final ModelRegistry registry;
    private final TaskBatchers batchers;
    private final ScoreRounding rounding;
    private final int retryAfterSeconds;

    public TextClassifier(ModelRegistry registry, TaskBatchers batchers, InferenceConfig config) {
        this.registry = registry;
        this.batchers = batchers;
        this.rounding = batchers.rounding();
        this.retryAfterSeconds = config.batch().retryAfterSeconds();
    }

    /** Each text as one input, cut at the model's max length (and flagged {@code truncated}). */
    public CompletableFuture<TaskResult> classify(Task task, List<String> texts) {
        return run(task, texts, false);
    }

    /**
     * Each text read whole: a text longer than the model's max length is read in overlapping windows,
     * and its probabilities are the mean of its windows' (rounded) probabilities weighted by their tokens,
     * so a long text is never cut and its answer stays independent of its batch-mates.
     */
    public CompletableFuture<TaskResult> classifyWhole(Task task, List<String> texts) {
        return run(task, texts, true);
    }

    private CompletableFuture<TaskResult> run(Task task, List<String> texts, boolean windows) {
        LoadedModel model = registry.acquire(task);
        try {
            List<TokenizedText> tokens = new ArrayList<>(texts.size());
            int[] windowsPerText = new int[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                List<TokenizedText> pieces = windows ? model.classifier().tokenizeWindows(texts.get(i))
                        : List.of(model.classifier().tokenize(texts.get(i)));
                windowsPerText[i] = pieces.size();
                tokens.addAll(pieces);
            }
            return batchers.of(task).submit(model, tokens).handle((predictions, failure) -> {
                model.release();
                if (failure != null) {
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }
                return new TaskResult(answers(model.classifier().labels(), tokens, predictions, windowsPerText), model.stamp());
            });
        } catch (QueueFullException e) {
            model.release();
            throw ProblemException.unavailable("the " + task.id() + " queue is full; retry shortly",
                    retryAfterSeconds);
        } catch (RuntimeException e) {
            model.release();
            throw e;
        }
    }

    private List<Classification> answers(List<String> labels, List<TokenizedText> tokens, List<Prediction> predictions,
                                         int[] windowsPerText) {
        List<Classification> out = new ArrayList<>(windowsPerText.length);
        int next = 0;
        for (int count : windowsPerText) {
            if (count == 1) {
                out.add(classification(labels, predictions.get(next)));
                next++;
                continue;
            }
            double[] probabilities = new double[labels.size()];
            double totalTokens = 0;
            boolean truncated = false;
            for (int w = next; w < next + count; w++) {
                float[] p = predictions.get(w).probabilities();
                int length = tokens.get(w).length();
                for (int i = 0; i < p.length; i++) {
                    probabilities[i] += length * rounding.round(p[i]); // rounded first: invariant whatever the batch
                }
                totalTokens += length;
                truncated |= predictions.get(w).truncated();
            }
            next += count;
            out.add(classification(labels, probabilities, totalTokens, truncated));
        }
        return out;
    }

    /** One input's answer: its label is the most probable one before rounding (rounding may tie it). */
    private Classification classification(List<String> labels, Prediction p) {
        float[] probabilities = p.probabilities();
        int best = 0;
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
            scores.put(labels.get(i), rounding.round(probabilities[i]));
        }
        return new Classification(labels.get(best), rounding.round(probabilities[best]), scores, p.truncated());
    }

    private Classification classification(List<String> labels, double[] weightedSums, double totalWeight, boolean truncated) {
        int best = 0;
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < weightedSums.length; i++) {
            if (weightedSums[i] > weightedSums[best]) {
                best = i;
            }
            scores.put(labels.get(i), roundDouble(weightedSums[i] / totalWeight));
        }
        return new Classification(labels.get(best), scores.get(labels.get(best)), scores, truncated);
    }

    /** Scores in a distribution, rounded as every answer is. */
    public Classification classification(Map<String, Double> distribution) {
        String best = null;
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : distribution.entrySet()) {
            scores.put(e.getKey(), roundDouble(e.getValue()));
            if (best == null || e.getValue() > distribution.get(best)) {
                best = e.getKey();
            }
        }
        return new Classification(best, scores.get(best), scores, false);
    }

    public double roundDouble(double value) {
        double scale = Math.pow(10, rounding.decimals());
        return Math.round(value * scale) / scale;
    }
}
