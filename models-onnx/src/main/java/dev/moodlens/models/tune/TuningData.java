package dev.moodlens.models.tune;

import dev.moodlens.models.head.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The texts a task is fine-tuned on and stopped early with; test splits are never read.
 * Sentiment: TweetEval sentiment has no train split here, so its 2,000 val tweets are split, stratified
 * with the seed, into 1,600 to train on and 400 to stop early with. Emotion: CARER train (a fixed-seed
 * subsample of {@code maxTrain} when smaller) and CARER val.
 */
public record TuningData(Task task, LabelledTexts train, LabelledTexts validation, String description) {

    static final int SENTIMENT_HELD_OUT = 400;

    public static TuningData of(Task task, Datasets datasets, long seed, int maxTrain) throws IOException {
        if (task == Task.SENTIMENT) {
            LabelledTexts all = datasets.tweetEvalSentiment("val");
            int[] held = stratifiedSample(all.labels(), SENTIMENT_HELD_OUT, task.labels().size(), seed);
            boolean[] isHeld = new boolean[all.size()];
            for (int i : held) {
                isHeld[i] = true;
            }
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (!isHeld[i]) {
                    train.add(i);
                }
            }
            LabelledTexts trainTexts = select(all, train.stream().mapToInt(Integer::intValue).toArray(), "tweeteval-sentiment-val-train");
            LabelledTexts heldTexts = select(all, held, "tweeteval-sentiment-val-held");
            return new TuningData(task, subsample(trainTexts, maxTrain, seed), heldTexts, String.format(
                    "TweetEval sentiment val (%d tweets; the official train split is absent): %d to train on, "
                            + "%d (stratified, seed %d) for early stopping", all.size(), trainTexts.size(), heldTexts.size(), seed));
        }
        LabelledTexts train = datasets.carer("train");
        LabelledTexts used = subsample(train, maxTrain, seed);
        return new TuningData(task, used, datasets.carer("val"), used.size() == train.size()
                ? String.format("CARER train (%d texts), CARER val (2,000) for early stopping", train.size())
                : String.format("CARER train: stratified subsample of %d of its %d texts (seed %d, to fit the training "
                        + "time budget), CARER val (2,000) for early stopping", used.size(), train.size(), seed));
    }

    static LabelledTexts subsample(LabelledTexts data, int max, long seed) {
        if (max <= 0 || max >= data.size()) {
            return data;
        }
        int classes = java.util.Arrays.stream(data.labels()).max().orElse(0) + 1;
        int[] picked = stratifiedSample(data.labels(), max, classes, seed);
        java.util.Arrays.sort(picked);
        return select(data, picked, data.name() + "-" + max);
    }

    /** About {@code n} indexes with each class in its proportion, drawn with the seed. */
    static int[] stratifiedSample(int[] labels, int n, int classes, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<Integer> picked = new ArrayList<>();
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, random);
            int take = (int) Math.round((double) members.size() * n / labels.length);
            picked.addAll(members.subList(0, Math.min(take, members.size())));
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    private static LabelledTexts select(LabelledTexts data, int[] indexes, String name) {
        List<String> texts = new ArrayList<>(indexes.length);
        int[] labels = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            texts.add(data.texts().get(indexes[i]));
            labels[i] = data.labels()[indexes[i]];
        }
        return new LabelledTexts(name, texts, labels);
    }
}
