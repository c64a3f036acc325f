package dev.moodlens.inference.classify;

import dev.moodlens.common.api.Classification;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.batch.QueueFullException;
import dev.moodlens.inference.batch.ScoreRounding;
import dev.moodlens.inference.batch.TaskBatchers;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.inference.model.LoadedModel;
import dev.moodlens.inference.model.ModelRegistry;
import dev.moodlens.inference.model.Task;
import dev.moodlens.models.runtime.Prediction;
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

    public CompletableFuture<TaskResult> classify(Task task, List<String> texts) {
        LoadedModel model = registry.acquire(task);
        try {
            List<TokenizedText> tokens = new ArrayList<>(texts.size());
            for (String text : texts) {
                tokens.add(model.classifier().tokenize(text));
            }
            return batchers.of(task).submit(model, tokens).handle((predictions, failure) -> {
                model.release();
                if (failure != null) {
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                }
                return new TaskResult(answers(model.classifier().labels(), predictions), model.stamp());
            });
        } catch (QueueFullException e) {
            model.release();
            throw ProblemException.unavailable("the " + task.key() + " queue is full; retry shortly",
                    retryAfterSeconds);
        } catch (RuntimeException e) {
            model.release();
            throw e;
        }
    }

    private List<Classification> answers(List<String> labels, List<Prediction> predictions) {
        List<Classification> out = new ArrayList<>(predictions.size());
        for (Prediction p : predictions) {
            float[] probabilities = p.probabilities();
            int best = 0;
            Map<String, Double> scores = new LinkedHashMap<>();
            for (int i = 0; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
                scores.put(labels.get(i), round(probabilities[i]));
            }
            out.add(new Classification(labels.get(best), round(probabilities[best]), scores, p.truncated()));
        }
        return out;
    }

    private double round(float probability) {
        return rounding.round(probability);
    }
}
