package dev.moodlens.models.tune;

import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.LabelMapping;
import dev.moodlens.models.train.LabelledTexts;
import dev.moodlens.models.train.MultiLabelTexts;
import dev.moodlens.models.train.ScoredTexts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one task is fine-tuned on and selected with: every public dataset that speaks to the task, each
 * mapped deliberately ({@link LabelMapping}), with how many of its texts each epoch draws; and the
 * validation sets whose weighted mean chooses the epoch kept. Only train, dev and val splits are read:
 * test splits stay the scoreboard of the evaluation command.
 *
 * <p>Sentiment learns from tweets (TweetEval sentiment val minus 400 held out; TweetEval emotion train, by
 * the polarity of its emotion), movie-review prose (SST train sentences and their labelled phrases), Reddit
 * comments (GoEmotions sentiment groups), first-person sentences (CARER train, by the polarity of its
 * emotion) and the valence of sentences from letters, blogs, essays and fiction (EmoBank train minus 800
 * held out: a regression of P(positive) - P(negative) on valence, the multi-task part). Emotion learns
 * from CARER train, GoEmotions mapped to CARER's six labels and TweetEval emotion train.
 */
public record TrainingPlan(Task task, List<Source> sources, List<Validation> validations) {

    /** A training set and how many of its texts one epoch draws (0: all once). */
    public record Source(TrainingTexts texts, int perEpoch) {
    }

    /** How a validation set is scored (0..100, higher is better). */
    public enum Metric {
        /** Mean of per-class recall: TweetEval sentiment's official metric. */
        MACRO_RECALL,
        /** Mean of per-class F1 over the classes present. */
        MACRO_F1,
        /** Mean of accuracy and macro-F1, CARER's two figures. */
        ACCURACY_F1,
        /** Positive against negative by P(positive) > P(negative), neutral texts left out (SST-2 style). */
        BINARY_ACCURACY,
        /** Pearson r of P(positive) - P(negative) with the target, times 100. */
        PEARSON
    }

    public record Validation(TrainingTexts texts, Metric metric, double weight) {
    }

    static final int TWEET_HELD_OUT = 400;
    static final int EMOBANK_HELD_OUT = 800;
    /** GoEmotions dev texts scored per validation (a fixed-seed sample, to keep validation short). */
    static final int GOEMOTIONS_DEV_SAMPLE = 2000;

    public static TrainingPlan of(Task task, Datasets data, Recipe recipe) throws IOException {
        long seed = recipe.seed();
        Map<String, Integer> perEpoch = recipe.perEpoch();
        List<Source> sources = new ArrayList<>();
        List<Validation> validations = new ArrayList<>();
        if (task == Task.SENTIMENT) {
            TrainingTexts[] tweets = labelled(data.tweetEvalSentiment("val")).split(TWEET_HELD_OUT, seed);
            add(sources, perEpoch, "tweeteval-sentiment", tweets[0]);
            add(sources, perEpoch, "tweeteval-emotion", emotionPolarity(data.tweetEvalEmotion("train"), true));
            add(sources, perEpoch, "sst-sentences", sst(data.sstSentences("train")));
            add(sources, perEpoch, "sst-phrases", sst(data.sstPhrases("train")));
            add(sources, perEpoch, "goemotions-group", groups(data.goEmotions("group", "train")));
            add(sources, perEpoch, "carer", emotionPolarity(data.carer("train"), false));
            TrainingTexts[] emobank = valence(data.emoBankValence("train")).split(EMOBANK_HELD_OUT, seed);
            add(sources, perEpoch, "emobank", emobank[0]);
            validations.add(new Validation(tweets[1], Metric.MACRO_RECALL, 1));
            validations.add(new Validation(sst(data.sstSentences("dev")), Metric.BINARY_ACCURACY, 1));
            validations.add(new Validation(emobank[1], Metric.PEARSON, 1));
            validations.add(new Validation(sample(groups(data.goEmotions("group", "dev")), seed), Metric.MACRO_F1, 1));
        } else {
            add(sources, perEpoch, "carer", labelled(data.carer("train")));
            add(sources, perEpoch, "goemotions", goEmotions(data.goEmotions("original", "train")));
            add(sources, perEpoch, "tweeteval-emotion", tweetEmotion(data.tweetEvalEmotion("train")));
            // Journal entries are first-person prose: GoEmotions' comments read closest to them, CARER's
            // keyword-led "i feel ..." sentences least, so the comments weigh double.
            validations.add(new Validation(labelled(data.carer("val")), Metric.ACCURACY_F1, 1));
            validations.add(new Validation(sample(goEmotions(data.goEmotions("original", "dev")), seed), Metric.MACRO_F1, 2));
            validations.add(new Validation(tweetEmotion(data.tweetEvalEmotion("val")), Metric.MACRO_F1, 1));
        }
        return new TrainingPlan(task, sources, validations);
    }

    /** A source joins the plan when the recipe draws texts from it (absent from the recipe: not used). */
    private static void add(List<Source> sources, Map<String, Integer> perEpoch, String name, TrainingTexts texts) {
        Integer n = perEpoch.get(name);
        if (n != null && n >= 0) {
            sources.add(new Source(new TrainingTexts(name, texts.texts(), texts.labels(), texts.targets()), n));
        }
    }

    /** One line per source and validation set, for the log and the model card. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Source s : sources) {
            lines.add(String.format("train %s: %d texts, %s per epoch", s.texts().name(), s.texts().size(),
                    s.perEpoch() == 0 ? "all" : Integer.toString(s.perEpoch())));
        }
        for (Validation v : validations) {
            lines.add(String.format("select on %s: %d texts, %s, weight %.0f", v.texts().name(), v.texts().size(),
                    v.metric().name().toLowerCase(), v.weight()));
        }
        return lines;
    }

    public Map<String, Object> describeForConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Source s : sources) {
            m.put(s.texts().name(), s.perEpoch() == 0 ? s.texts().size() : s.perEpoch());
        }
        return m;
    }

    private static TrainingTexts labelled(LabelledTexts t) {
        return TrainingTexts.labelled(t.name(), t.texts(), t.labels());
    }

    private static TrainingTexts sst(LabelledTexts t) {
        int[] labels = new int[t.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = LabelMapping.sentimentOfSst(t.labels()[i]);
        }
        return TrainingTexts.labelled(t.name(), t.texts(), labels);
    }

    /** CARER or TweetEval emotion texts labelled with their emotion's polarity (surprise left out). */
    private static TrainingTexts emotionPolarity(LabelledTexts t, boolean tweetEvalIds) {
        int[] labels = new int[t.size()];
        for (int i = 0; i < labels.length; i++) {
            String emotion = tweetEvalIds ? LabelMapping.tweetEvalEmotionName(t.labels()[i])
                    : Task.EMOTION.labels().get(t.labels()[i]);
            labels[i] = LabelMapping.sentimentOfEmotion(emotion);
        }
        return TrainingTexts.labelled(t.name() + "-polarity", t.texts(), labels).withLabels();
    }

    private static TrainingTexts groups(MultiLabelTexts t) {
        int[] labels = new int[t.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = LabelMapping.sentimentOfGroups(names(t, i));
        }
        return TrainingTexts.labelled(t.name(), t.texts(), labels).withLabels();
    }

    private static TrainingTexts goEmotions(MultiLabelTexts t) {
        int[] labels = new int[t.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = LabelMapping.emotionOfGoEmotions(names(t, i));
        }
        return TrainingTexts.labelled(t.name() + "-mapped", t.texts(), labels).withLabels();
    }

    private static TrainingTexts tweetEmotion(LabelledTexts t) {
        int[] labels = new int[t.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = LabelMapping.emotionOfTweetEval(t.labels()[i]);
        }
        return TrainingTexts.labelled(t.name() + "-mapped", t.texts(), labels);
    }

    private static TrainingTexts valence(ScoredTexts t) {
        float[] targets = new float[t.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = LabelMapping.valenceTarget(t.values()[i]);
        }
        return TrainingTexts.scored(t.name(), t.texts(), targets);
    }

    private static TrainingTexts sample(TrainingTexts t, long seed) {
        if (t.size() <= GOEMOTIONS_DEV_SAMPLE) {
            return t;
        }
        return t.split(GOEMOTIONS_DEV_SAMPLE, seed)[1];
    }

    private static List<String> names(MultiLabelTexts t, int i) {
        List<String> out = new ArrayList<>();
        for (int id : t.labels().get(i)) {
            out.add(t.labelNames().get(id));
        }
        return out;
    }
}
