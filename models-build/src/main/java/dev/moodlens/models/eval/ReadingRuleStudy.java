package dev.moodlens.models.eval;

import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.DatasetsOption;
import dev.moodlens.models.train.LabelMapping;
import dev.moodlens.models.train.MultiLabelTexts;
import dev.moodlens.models.train.ScoredTexts;
import dev.moodlens.reading.ReadingRule;
import dev.moodlens.reading.Sentence;
import dev.moodlens.reading.SentenceSplitter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Measures how to read a multi-sentence text, on dev data only: the whole text as one input against each
 * {@link ReadingRule} over its sentences.
 * <ul>
 *   <li>EmoBank dev passages: consecutive dev sentences of one document (by offset), 2 to 5 at a time;
 *       Pearson r of the passage's mood with its sentences' mean valence;</li>
 *   <li>GoEmotions dev comments of two or more sentences: macro-F1 of the sentiment group (positive,
 *       negative, neutral) and accuracy and macro-F1 of the emotion mapped to the six labels; on those labelled
 *       positive or negative only, the accuracy of the mood's sign;</li>
 *   <li>journal-like passages (below): emotion accuracy and macro-F1.</li>
 * </ul>
 * <pre>ReadingRuleStudy [--datasets DIR] SENTIMENT_DIR EMOTION_DIR</pre>
 */
public final class ReadingRuleStudy {

    private final SequenceClassifier sentiment;
    private final SequenceClassifier emotion;
    private final SentenceSplitter splitter = new SentenceSplitter();

    ReadingRuleStudy(SequenceClassifier sentiment, SequenceClassifier emotion) {
        this.sentiment = sentiment;
        this.emotion = emotion;
    }

    /** The command line. */
    @Command(name = "ReadingRuleStudy", mixinStandardHelpOptions = true,
            description = "Measures the reading rules on dev data (EmoBank passages, GoEmotions comments).")
    static final class Options implements Callable<Integer> {
        @Mixin
        DatasetsOption datasets = new DatasetsOption();
        @Parameters(index = "0", paramLabel = "SENTIMENT_DIR", description = "the sentiment model directory")
        Path sentiment;
        @Parameters(index = "1", paramLabel = "EMOTION_DIR", description = "the emotion model directory")
        Path emotion;

        @Override
        public Integer call() throws IOException {
            Datasets data = new Datasets(Datasets.locate(datasets.dir()));
            try (SequenceClassifier s = SequenceClassifier.open(ModelDirectory.open(sentiment), Precision.FP32, 0);
                 SequenceClassifier e = SequenceClassifier.open(ModelDirectory.open(emotion), Precision.FP32, 0)) {
                new ReadingRuleStudy(s, e).run(data);
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** One text's reading: whole-text distributions, and per sentence. */
    record Reading(Map<String, Double> wholeSentiment, Map<String, Double> wholeEmotion, List<Sentence> sentences,
                   List<Map<String, Double>> sentimentBySentence, List<Map<String, Double>> emotionBySentence) {

        Map<String, Double> sentiment(ReadingRule rule) {
            return ReadingRule.combine(sentimentBySentence, rule.weights(sentences, sentimentBySentence));
        }

        Map<String, Double> emotion(ReadingRule rule) {
            return ReadingRule.combine(emotionBySentence, rule.weights(sentences, sentimentBySentence));
        }

        /** Half the whole-text reading, half the salience aggregate. */
        Map<String, Double> blendSentiment() {
            return ReadingRule.combine(List.of(wholeSentiment, sentiment(ReadingRule.SALIENCE)), new double[]{1, 1});
        }

        Map<String, Double> blendEmotion() {
            return ReadingRule.combine(List.of(wholeEmotion, emotion(ReadingRule.SALIENCE)), new double[]{1, 1});
        }

        /** Half the whole-text reading, half the emphasis aggregate (the suite's emotion, {@link ReadingRule#withWholeText}). */
        Map<String, Double> emphasisWithWholeSentiment() {
            return ReadingRule.withWholeText(sentiment(ReadingRule.EMPHASIS), wholeSentiment, 0.5);
        }

        Map<String, Double> emphasisWithWholeEmotion() {
            return ReadingRule.withWholeText(emotion(ReadingRule.EMPHASIS), wholeEmotion, 0.5);
        }
    }

    void run(Datasets datasets) throws IOException {
        List<String> passages = new ArrayList<>();
        List<Double> valence = new ArrayList<>();
        emoBankPassages(datasets.emoBankValence("dev"), passages, valence);
        List<Reading> readings = read(passages);
        System.out.printf("EmoBank dev passages (%d, 2-5 sentences): Pearson r of mood with mean valence%n", passages.size());
        double[] y = valence.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf("  whole text  %.3f%n", Correlation.pearson(readings.stream()
                .mapToDouble(r -> ReadingRule.mood(r.wholeSentiment())).toArray(), y));
        for (ReadingRule rule : ReadingRule.values()) {
            System.out.printf("  %-10s  %.3f%n", rule.name().toLowerCase(), Correlation.pearson(readings.stream()
                    .mapToDouble(r -> ReadingRule.mood(r.sentiment(rule))).toArray(), y));
        }
        System.out.printf("  %-10s  %.3f%n", "blend", Correlation.pearson(readings.stream()
                .mapToDouble(r -> ReadingRule.mood(r.blendSentiment())).toArray(), y));
        System.out.printf("  %-10s  %.3f%n", "emph+whole", Correlation.pearson(readings.stream()
                .mapToDouble(r -> ReadingRule.mood(r.emphasisWithWholeSentiment())).toArray(), y));
        goEmotions(datasets);
        journalLike(datasets);
    }

    /** The GoEmotions sentiment groups a comment's label is an index of (ambiguous and mixed comments: -1). */
    private static final List<String> GROUPS = List.of("negative", "neutral", "positive");
    private static final int NEGATIVE = GROUPS.indexOf("negative");
    private static final int POSITIVE = GROUPS.indexOf("positive");

    /** Passages per CARER val sentence; a fixed seed picks the neutral comments and the sentence's place. */
    static final int PASSAGES = 600;

    /**
     * Journal-like passages: one CARER val sentence ("i feel ...", its emotion the passage's) placed among two
     * single-sentence GoEmotions dev comments labelled neutral only, as an entry mixes plain report with what it
     * is about. Emotion accuracy and macro-F1 of each reading.
     */
    private void journalLike(Datasets datasets) throws IOException {
        MultiLabelTexts comments = datasets.goEmotions("original", "dev");
        List<String> neutral = new ArrayList<>();
        for (int i = 0; i < comments.size(); i++) {
            String text = comments.texts().get(i);
            int[] ids = comments.labels().get(i);
            if (ids.length == 1 && comments.labelNames().get(ids[0]).equals("neutral") && text.length() > 25
                    && splitter.split(text).size() == 1) {
                neutral.add(text);
            }
        }
        var carer = datasets.carer("val");
        Random random = new Random(8);
        List<String> passages = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < Math.min(PASSAGES, carer.size()); i++) {
            String feeling = carer.texts().get(i);
            feeling = Character.toUpperCase(feeling.charAt(0)) + feeling.substring(1) + ".";
            List<String> parts = new ArrayList<>(List.of(neutral.get(random.nextInt(neutral.size())),
                    neutral.get(random.nextInt(neutral.size()))));
            parts.add(random.nextInt(3), feeling);
            passages.add(String.join(" ", parts));
            labels.add(carer.labels()[i]);
        }
        List<Reading> readings = read(passages);
        System.out.printf("Journal-like passages (%d: a CARER val sentence among two neutral GoEmotions dev comments): emotion accuracy / macro-F1%n",
                passages.size());
        emotionReport("whole text", readings, labels, Reading::wholeEmotion);
        for (ReadingRule rule : ReadingRule.values()) {
            emotionReport(rule.name().toLowerCase(), readings, labels, r -> r.emotion(rule));
        }
        emotionReport("blend", readings, labels, Reading::blendEmotion);
        emotionReport("emph+whole", readings, labels, Reading::emphasisWithWholeEmotion);
    }

    private static void emotionReport(String name, List<Reading> readings, List<Integer> labels,
                                      java.util.function.Function<Reading, Map<String, Double>> emotion) {
        int[] predicted = new int[readings.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = argMax(emotion.apply(readings.get(i)), Task.EMOTION.labels());
        }
        ConfusionMatrix e = ConfusionMatrix.of(Task.EMOTION.labels(), ints(labels), predicted);
        System.out.printf("  %-10s  %.1f / %.1f%n", name, e.accuracy(), e.macroF1());
    }

    private void goEmotions(Datasets datasets) throws IOException {
        MultiLabelTexts groups = datasets.goEmotions("group", "dev");
        MultiLabelTexts emotions = datasets.goEmotions("original", "dev");
        List<String> texts = new ArrayList<>();
        List<Integer> groupLabel = new ArrayList<>();
        List<Integer> emotionLabel = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            String text = groups.texts().get(i);
            if (splitter.split(text).size() < 2) {
                continue;
            }
            texts.add(text);
            groupLabel.add(single(groups, i, GROUPS));
            emotionLabel.add(goEmotionEmotion(emotions, i));
        }
        List<Reading> readings = read(texts);
        System.out.printf("GoEmotions dev comments of 2+ sentences (%d): sentiment-group macro-F1, emotion accuracy / macro-F1%n",
                texts.size());
        report("whole text", readings, groupLabel, emotionLabel, Reading::wholeSentiment, Reading::wholeEmotion);
        for (ReadingRule rule : ReadingRule.values()) {
            report(rule.name().toLowerCase(), readings, groupLabel, emotionLabel, r -> r.sentiment(rule), r -> r.emotion(rule));
        }
        report("blend", readings, groupLabel, emotionLabel, Reading::blendSentiment, Reading::blendEmotion);
        report("emph+whole", readings, groupLabel, emotionLabel, Reading::emphasisWithWholeSentiment,
                Reading::emphasisWithWholeEmotion);
        polarity(readings, groupLabel);
    }

    /**
     * The question a journal reader asks first: is this entry's mood positive or negative? Accuracy of the mood's
     * sign on the comments labelled positive only or negative only (neutral and mixed ones left out).
     */
    private void polarity(List<Reading> readings, List<Integer> groupLabel) {
        List<Integer> clear = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            if (groupLabel.get(i) == NEGATIVE || groupLabel.get(i) == POSITIVE) {
                clear.add(i);
            }
        }
        System.out.printf("GoEmotions dev comments of 2+ sentences labelled positive or negative only (%d): accuracy of the mood's sign%n",
                clear.size());
        polarityReport("whole text", readings, groupLabel, clear, r -> ReadingRule.mood(r.wholeSentiment()));
        for (ReadingRule rule : ReadingRule.values()) {
            polarityReport(rule.name().toLowerCase(), readings, groupLabel, clear, r -> ReadingRule.mood(r.sentiment(rule)));
        }
        polarityReport("emph+whole", readings, groupLabel, clear, r -> ReadingRule.mood(r.emphasisWithWholeSentiment()));
    }

    private static void polarityReport(String name, List<Reading> readings, List<Integer> groupLabel, List<Integer> clear,
                                       java.util.function.ToDoubleFunction<Reading> mood) {
        int right = 0;
        for (int i : clear) {
            double m = mood.applyAsDouble(readings.get(i));
            if ((m > 0) == (groupLabel.get(i) == POSITIVE)) {
                right++;
            }
        }
        System.out.printf("  %-10s  %.1f%n", name, 100.0 * right / clear.size());
    }

    private void report(String name, List<Reading> readings, List<Integer> groupLabel, List<Integer> emotionLabel,
                        java.util.function.Function<Reading, Map<String, Double>> sentimentOf,
                        java.util.function.Function<Reading, Map<String, Double>> emotionOf) {
        List<Integer> gt = new ArrayList<>();
        List<Integer> gp = new ArrayList<>();
        List<Integer> et = new ArrayList<>();
        List<Integer> ep = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (groupLabel.get(i) >= 0) {
                gt.add(groupLabel.get(i));
                gp.add(argMax(sentimentOf.apply(r), Task.SENTIMENT.labels()));
            }
            if (emotionLabel.get(i) >= 0) {
                et.add(emotionLabel.get(i));
                ep.add(argMax(emotionOf.apply(r), Task.EMOTION.labels()));
            }
        }
        ConfusionMatrix g = ConfusionMatrix.of(Task.SENTIMENT.labels(), ints(gt), ints(gp));
        ConfusionMatrix e = ConfusionMatrix.of(Task.EMOTION.labels(), ints(et), ints(ep));
        System.out.printf("  %-10s  %.1f   %.1f / %.1f   (%d / %d texts)%n", name, g.macroF1(), e.accuracy(), e.macroF1(),
                gt.size(), et.size());
    }

    List<Reading> read(List<String> texts) {
        List<String> units = new ArrayList<>(texts);
        List<List<Sentence>> split = new ArrayList<>();
        for (String t : texts) {
            List<Sentence> s = splitter.split(t);
            split.add(s);
            s.forEach(x -> units.add(x.of(t)));
        }
        List<Map<String, Double>> sp = distributions(sentiment, units);
        List<Map<String, Double>> ep = distributions(emotion, units);
        List<Reading> out = new ArrayList<>();
        int next = texts.size();
        for (int i = 0; i < texts.size(); i++) {
            int n = split.get(i).size();
            out.add(new Reading(sp.get(i), ep.get(i), split.get(i), sp.subList(next, next + n), ep.subList(next, next + n)));
            next += n;
        }
        return out;
    }

    private static List<Map<String, Double>> distributions(SequenceClassifier classifier, List<String> texts) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 32) {
            for (Prediction p : classifier.classify(texts.subList(from, Math.min(texts.size(), from + 32)))) {
                Map<String, Double> d = new LinkedHashMap<>();
                for (int l = 0; l < p.probabilities().length; l++) {
                    d.put(classifier.labels().get(l), (double) p.probabilities()[l]);
                }
                out.add(d);
            }
        }
        return out;
    }

    /** Consecutive sentences of a document (by character offset in their ids), 2 to 5 per passage. */
    static void emoBankPassages(ScoredTexts dev, List<String> passages, List<Double> valence) {
        Map<String, TreeMap<Integer, Integer>> byDocument = new TreeMap<>();
        List<String> ids = dev.ids();
        for (int i = 0; i < ids.size(); i++) {
            String[] parts = ids.get(i).split("_");
            if (parts.length < 3 || !parts[parts.length - 2].matches("\\d+")) {
                continue; // a headline (SemEval_n): no document around it
            }
            int offset = Integer.parseInt(parts[parts.length - 2]);
            String doc = ids.get(i).substring(0, ids.get(i).lastIndexOf('_', ids.get(i).lastIndexOf('_') - 1));
            byDocument.computeIfAbsent(doc, k -> new TreeMap<>()).put(offset, i);
        }
        int size = 2;
        for (TreeMap<Integer, Integer> doc : byDocument.values()) {
            List<Integer> in = new ArrayList<>(doc.values());
            for (int from = 0; from + 2 <= in.size(); from += size) {
                List<Integer> p = in.subList(from, Math.min(in.size(), from + size));
                if (p.size() < 2) {
                    break;
                }
                StringBuilder text = new StringBuilder();
                double sum = 0;
                for (int i : p) {
                    text.append(text.length() > 0 ? " " : "").append(dev.texts().get(i).trim());
                    sum += dev.values()[i];
                }
                passages.add(text.toString());
                valence.add(sum / p.size());
                size = size == 5 ? 2 : size + 1;
            }
        }
    }

    private static int single(MultiLabelTexts t, int i, List<String> labels) {
        int label = -1;
        for (int id : t.labels().get(i)) {
            int l = labels.indexOf(t.labelNames().get(id));
            if (l < 0 || (label >= 0 && l != label)) {
                return -1;
            }
            label = l;
        }
        return label;
    }

    private static int goEmotionEmotion(MultiLabelTexts t, int i) {
        List<String> names = new ArrayList<>();
        for (int id : t.labels().get(i)) {
            names.add(t.labelNames().get(id));
        }
        return LabelMapping.emotionOfGoEmotions(names);
    }

    private static int argMax(Map<String, Double> d, List<String> labels) {
        String best = null;
        for (Map.Entry<String, Double> e : d.entrySet()) {
            if (best == null || e.getValue() > d.get(best)) {
                best = e.getKey();
            }
        }
        return labels.indexOf(best);
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
