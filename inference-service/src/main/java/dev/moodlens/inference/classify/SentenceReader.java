package dev.moodlens.inference.classify;

import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.SentenceAnalysis;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.reading.ReadingRule;
import dev.moodlens.reading.Sentence;
import dev.moodlens.reading.SentenceSplitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads texts sentence by sentence ({@code "granularity":"sentence"}): each text is split into sentences
 * ({@link SentenceSplitter}), every sentence is classified whole for both tasks (long ones in windows),
 * and the text's sentiment and emotion are the aggregate of its sentences by the configured
 * {@link ReadingRule}. A sentence's answer depends only on the sentence, so a text's answer does not
 * depend on its batch-mates either. A text without a letter or digit is one sentence.
 */
@ApplicationScoped
public class SentenceReader {

    private final TextClassifier classifier;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final ReadingRule rule;
    private final int maxSentences;

    public SentenceReader(TextClassifier classifier, InferenceConfig config) {
        this.classifier = classifier;
        this.rule = config.reading().rule();
        this.maxSentences = config.reading().maxSentences();
    }

    public CompletableFuture<AnalyzeResponse> read(List<String> texts) {
        List<List<Sentence>> sentences = new ArrayList<>(texts.size());
        List<String> units = new ArrayList<>();
        for (String text : texts) {
            List<Sentence> split = splitter.split(text);
            if (split.isEmpty()) {
                split = List.of(new Sentence(0, text.length(), 0));
            }
            sentences.add(split);
            for (Sentence s : split) {
                units.add(s.of(text));
            }
        }
        if (units.size() > maxSentences) {
            throw ProblemException.badRequest(units.size() + " sentences in one request; at most " + maxSentences
                    + " (send fewer texts per request)");
        }
        CompletableFuture<TaskResult> sentiment = classifier.classifyWhole(Task.SENTIMENT, units);
        CompletableFuture<TaskResult> emotion = classifier.classifyWhole(Task.EMOTION, units);
        return sentiment.thenCombine(emotion, (s, e) -> {
            List<TextAnalysis> results = new ArrayList<>(texts.size());
            int next = 0;
            for (List<Sentence> split : sentences) {
                List<Classification> sentimentOf = s.results().subList(next, next + split.size());
                List<Classification> emotionOf = e.results().subList(next, next + split.size());
                next += split.size();
                results.add(aggregate(split, sentimentOf, emotionOf));
            }
            return new AnalyzeResponse(results, s.model(), e.model());
        });
    }

    private TextAnalysis aggregate(List<Sentence> split, List<Classification> sentiment, List<Classification> emotion) {
        List<Map<String, Double>> sentimentScores = sentiment.stream().map(Classification::scores).toList();
        List<Map<String, Double>> emotionScores = emotion.stream().map(Classification::scores).toList();
        double[] weights = rule.weights(split, sentimentScores);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        List<SentenceAnalysis> out = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            out.add(new SentenceAnalysis(split.get(i).start(), split.get(i).end(), classifier.roundDouble(weights[i] / total),
                    sentiment.get(i), emotion.get(i)));
        }
        return new TextAnalysis(classifier.classification(ReadingRule.combine(sentimentScores, weights)),
                classifier.classification(ReadingRule.combine(emotionScores, weights)), out);
    }
}
