package dev.moodlens.models.train;

import java.util.ArrayList;
import java.util.List;

/** Texts with a label index each (into the task's label list). */
public record LabelledTexts(String name, List<String> texts, int[] labels) {

    public LabelledTexts {
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(name + ": " + texts.size() + " texts but " + labels.length + " labels");
        }
        texts = List.copyOf(texts);
    }

    public int size() {
        return labels.length;
    }

    public LabelledTexts concat(LabelledTexts other) {
        List<String> all = new ArrayList<>(texts);
        all.addAll(other.texts);
        int[] labelsAll = new int[size() + other.size()];
        System.arraycopy(labels, 0, labelsAll, 0, size());
        System.arraycopy(other.labels, 0, labelsAll, size(), other.size());
        return new LabelledTexts(name + "+" + other.name, all, labelsAll);
    }
}
