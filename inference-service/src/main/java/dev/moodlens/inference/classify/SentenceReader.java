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
 * {@link ReadingRule}; a text of two or more sentences is also read whole for emotion, which takes the
 * configured share of its emotion ({@link ReadingRule#withWholeText}). A sentence's answer depends only on
 * the sentence, so a text's answer does not depend on its batch-mates either. A text without a letter or
 * digit is one sentence.
 */
@ApplicationScoped
public class SentenceReader {

    private final TextClassifier classifier;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final ReadingRule rule;
    private final double emotionWholeTextShare;
    private final int maxSentences;
    private final String reading;

    public SentenceReader(TextClassifier classifier, InferenceConfig config) {
        this.classifier = classifier;
        this.rule = config.reading().rule();
        // checked at start-up: a bad share fails the service, not every request
        this.emotionWholeTextShare = ReadingRule.requireShare(config.reading().emotionWholeTextShare());
        this.maxSentences = config.reading().maxSentences();
        this.reading = "sentence:" + rule.name().toLowerCase(java.util.Locale.ROOT) + ",emotion-whole-text=" + emotionWholeTextShare;
    }

    /** How this reader reads, as its answers say: a change of rule or share makes a client's stored results stale. */
    public String reading() {
        return reading;
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
        // the emotion model also reads each text of two or more sentences whole, after all the sentences
        List<String> emotionUnits = new ArrayList<>(units);
        int[] wholeIndex = new int[texts.size()];
        for (int t = 0; t < texts.size(); t++) {
            wholeIndex[t] = -1;
            if (emotionWholeTextShare > 0 && sentences.get(t).size() > 1) {
                wholeIndex[t] = emotionUnits.size();
                emotionUnits.add(texts.get(t));
            }
        }
        CompletableFuture<TaskResult> sentiment = classifier.classifyWhole(Task.SENTIMENT, units);
        CompletableFuture<TaskResult> emotion = classifier.classifyWhole(Task.EMOTION, emotionUnits);
        return sentiment.thenCombine(emotion, (s, e) -> {
            List<TextAnalysis> results = new ArrayList<>(texts.size());
            int next = 0;
            for (int t = 0; t < texts.size(); t++) {
                List<Sentence> split = sentences.get(t);
                List<Classification> sentimentOf = s.results().subList(next, next + split.size());
                List<Classification> emotionOf = e.results().subList(next, next + split.size());
                next += split.size();
                Classification whole = wholeIndex[t] >= 0 ? e.results().get(wholeIndex[t]) : null;
                results.add(aggregate(split, sentimentOf, emotionOf, whole));
            }
            return new AnalyzeResponse(results, s.model(), e.model(), reading);
        });
    }

    private TextAnalysis aggregate(List<Sentence> split, List<Classification> sentiment, List<Classification> emotion,
                                   Classification wholeEmotion) {
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
        Map<String, Double> emotionOfSentences = ReadingRule.combine(emotionScores, weights);
        return new TextAnalysis(classifier.classification(ReadingRule.combine(sentimentScores, weights)),
                classifier.classification(wholeEmotion == null ? emotionOfSentences
                        : ReadingRule.withWholeText(emotionOfSentences, wholeEmotion.scores(), emotionWholeTextShare)), out);
    }
}
