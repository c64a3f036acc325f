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
 * {@link ReadingRule}; a text of two or more sentences is also read whole by each task, which takes the
 * configured share of that task's answer ({@link ReadingRule#withWholeText}). A sentence's answer depends only on
 * the sentence, so a text's answer does not depend on its batch-mates either. A text without a letter or
 * digit is one sentence.
 */
@ApplicationScoped
public class SentenceReader {

    private final TextClassifier classifier;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final ReadingRule rule;
    private final double emotionWholeTextShare;
    private final double sentimentWholeTextShare;
    private final int maxSentences;
    private final String reading;

    public SentenceReader(TextClassifier classifier, InferenceConfig config) {
        this.classifier = classifier;
        this.rule = config.reading().rule();
        // checked at start-up: a bad share fails the service, not every request
        this.emotionWholeTextShare = ReadingRule.requireShare(config.reading().emotionWholeTextShare());
        this.sentimentWholeTextShare = ReadingRule.requireShare(config.reading().sentimentWholeTextShare());
        this.maxSentences = config.reading().maxSentences();
        // without a sentiment share the string is the one answers carried before it existed: stored results stay valid
        this.reading = "sentence:" + rule.name().toLowerCase(java.util.Locale.ROOT) + ",emotion-whole-text=" + emotionWholeTextShare
                + (sentimentWholeTextShare > 0 ? ",sentiment-whole-text=" + sentimentWholeTextShare : "");
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
        // each model also reads each text of two or more sentences whole, after all the sentences
        List<String> sentimentUnits = new ArrayList<>(units);
        List<String> emotionUnits = new ArrayList<>(units);
        int[] wholeSentiment = wholeTexts(texts, sentences, sentimentWholeTextShare, sentimentUnits);
        int[] wholeEmotion = wholeTexts(texts, sentences, emotionWholeTextShare, emotionUnits);
        CompletableFuture<TaskResult> sentiment = classifier.classifyWhole(Task.SENTIMENT, sentimentUnits);
        CompletableFuture<TaskResult> emotion = classifier.classifyWhole(Task.EMOTION, emotionUnits);
        return sentiment.thenCombine(emotion, (s, e) -> {
            List<TextAnalysis> results = new ArrayList<>(texts.size());
            int next = 0;
            for (int t = 0; t < texts.size(); t++) {
                List<Sentence> split = sentences.get(t);
                List<Classification> sentimentOf = s.results().subList(next, next + split.size());
                List<Classification> emotionOf = e.results().subList(next, next + split.size());
                next += split.size();
                results.add(aggregate(split, sentimentOf, emotionOf, wholeOf(s, wholeSentiment[t]), wholeOf(e, wholeEmotion[t])));
            }
            return new AnalyzeResponse(results, s.model(), e.model(), reading);
        });
    }

    /** Appends each text of two or more sentences to {@code units} when its share is above 0; each text's index there, or -1. */
    private static int[] wholeTexts(List<String> texts, List<List<Sentence>> sentences, double share, List<String> units) {
        int[] index = new int[texts.size()];
        for (int t = 0; t < texts.size(); t++) {
            index[t] = -1;
            if (share > 0 && sentences.get(t).size() > 1) {
                index[t] = units.size();
                units.add(texts.get(t));
            }
        }
        return index;
    }

    private static Classification wholeOf(TaskResult result, int index) {
        return index >= 0 ? result.results().get(index) : null;
    }

    private TextAnalysis aggregate(List<Sentence> split, List<Classification> sentiment, List<Classification> emotion,
                                   Classification wholeSentiment, Classification wholeEmotion) {
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
        return new TextAnalysis(
                classifier.classification(withWhole(ReadingRule.combine(sentimentScores, weights), wholeSentiment, sentimentWholeTextShare)),
                classifier.classification(withWhole(ReadingRule.combine(emotionScores, weights), wholeEmotion, emotionWholeTextShare)),
                out);
    }

    private static Map<String, Double> withWhole(Map<String, Double> ofSentences, Classification whole, double share) {
        return whole == null ? ofSentences : ReadingRule.withWholeText(ofSentences, whole.scores(), share);
    }
}
