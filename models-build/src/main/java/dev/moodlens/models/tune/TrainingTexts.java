package dev.moodlens.models.tune;

import dev.moodlens.models.train.LabelMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Texts to learn from or to select on, each with a class label (-1 when it has none) and a regression
 * target (NaN when it has none): EmoBank sentences carry a valence target and no class.
 */
public record TrainingTexts(String name, List<String> texts, int[] labels, float[] targets) {

    public TrainingTexts {
        if (texts.size() != labels.length || texts.size() != targets.length) {
            throw new IllegalArgumentException(name + ": sizes differ");
        }
        texts = List.copyOf(texts);
    }

    public static TrainingTexts labelled(String name, List<String> texts, int[] labels) {
        float[] none = new float[labels.length];
        Arrays.fill(none, Float.NaN);
        return new TrainingTexts(name, texts, labels, none);
    }

    public static TrainingTexts scored(String name, List<String> texts, float[] targets) {
        int[] none = new int[targets.length];
        Arrays.fill(none, LabelMapping.NONE);
        return new TrainingTexts(name, texts, none, targets);
    }

    public int size() {
        return labels.length;
    }

    /** Only the texts with a class label. */
    public TrainingTexts withLabels() {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (labels[i] != LabelMapping.NONE) {
                keep.add(i);
            }
        }
        return select(keep.stream().mapToInt(Integer::intValue).toArray(), name);
    }

    public TrainingTexts select(int[] indexes, String newName) {
        List<String> t = new ArrayList<>(indexes.length);
        int[] l = new int[indexes.length];
        float[] g = new float[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            t.add(texts.get(indexes[i]));
            l[i] = labels[indexes[i]];
            g[i] = targets[indexes[i]];
        }
        return new TrainingTexts(newName, t, l, g);
    }

    /** A fixed-seed split: {@code held} texts (stratified by label when there are labels) and the rest, in order. */
    public TrainingTexts[] split(int held, long seed) {
        int[] heldIdx;
        if (Arrays.stream(labels).allMatch(l -> l == LabelMapping.NONE)) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                all.add(i);
            }
            java.util.Collections.shuffle(all, new Random(seed));
            heldIdx = all.subList(0, Math.min(held, all.size())).stream().mapToInt(Integer::intValue).toArray();
        } else {
            int classes = Arrays.stream(labels).max().orElse(0) + 1;
            heldIdx = Sampling.stratified(labels, held, classes, seed);
        }
        Arrays.sort(heldIdx);
        boolean[] isHeld = new boolean[size()];
        for (int i : heldIdx) {
            isHeld[i] = true;
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!isHeld[i]) {
                rest.add(i);
            }
        }
        return new TrainingTexts[]{select(rest.stream().mapToInt(Integer::intValue).toArray(), name + "-train"),
                select(heldIdx, name + "-held")};
    }
}
