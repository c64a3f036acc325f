package dev.moodlens.models.eval;

import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** A public test split and how a model's labels map onto its classes. */
public enum Benchmark {
    TWEETEVAL_SENTIMENT("tweeteval_sentiment", "TweetEval sentiment test", Task.SENTIMENT.labels()),
    CARER("carer", "CARER test", Task.EMOTION.labels());

    private final String key;
    private final String title;
    private final List<String> classes;

    Benchmark(String key, String title, List<String> classes) {
        this.key = key;
        this.title = title;
        this.classes = classes;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public List<String> classes() {
        return classes;
    }

    public LabelledTexts load(Datasets datasets) throws IOException {
        return this == TWEETEVAL_SENTIMENT ? datasets.tweetEvalSentiment("test") : datasets.carer("test");
    }

    /**
     * For each model label, the benchmark class it stands for, or -1 (never predicted here): names
     * are matched case-insensitively (with a few common spellings), and sentiment models that only
     * say LABEL_0..2 are read in the usual negative, neutral, positive order.
     */
    public int[] mapping(List<String> modelLabels) {
        int[] map = new int[modelLabels.size()];
        for (int i = 0; i < map.length; i++) {
            String l = modelLabels.get(i).toLowerCase(Locale.ROOT).trim();
            map[i] = this == TWEETEVAL_SENTIMENT ? sentimentClass(l, i, modelLabels.size()) : emotionClass(l);
        }
        return map;
    }

    /** How many benchmark classes the model can predict. */
    public int covered(List<String> modelLabels) {
        return (int) java.util.Arrays.stream(mapping(modelLabels)).filter(c -> c >= 0).distinct().count();
    }

    /** The benchmark a model's labels fit best: all sentiment polarities, or most CARER emotions. */
    public static Benchmark forLabels(List<String> modelLabels) {
        int sentiment = TWEETEVAL_SENTIMENT.covered(modelLabels);
        int emotion = CARER.covered(modelLabels);
        if (emotion >= 4 && emotion >= sentiment) {
            return CARER;
        }
        if (sentiment >= 2) {
            return TWEETEVAL_SENTIMENT;
        }
        throw new IllegalArgumentException("labels " + modelLabels + " fit neither TweetEval sentiment nor CARER");
    }

    private static int sentimentClass(String label, int index, int count) {
        if (label.startsWith("neg")) {
            return 0;
        }
        if (label.startsWith("neu")) {
            return 1;
        }
        if (label.startsWith("pos")) {
            return 2;
        }
        if (count == 3 && label.equals("label_" + index)) {
            return index;
        }
        return -1;
    }

    private int emotionClass(String label) {
        String canonical = switch (label) {
            case "sad" -> "sadness";
            case "happy", "happiness", "joyful" -> "joy";
            case "angry" -> "anger";
            case "fearful", "afraid" -> "fear";
            case "surprised" -> "surprise";
            default -> label;
        };
        return classes.indexOf(canonical);
    }
}
