package dev.moodlens.models.train;

import java.util.List;

/** Texts with one or more label ids each, into {@code labelNames} (GoEmotions). */
public record MultiLabelTexts(String name, List<String> texts, List<int[]> labels, List<String> labelNames) {

    public MultiLabelTexts {
        if (texts.size() != labels.size()) {
            throw new IllegalArgumentException(name + ": " + texts.size() + " texts but " + labels.size() + " label sets");
        }
        texts = List.copyOf(texts);
        labels = List.copyOf(labels);
        labelNames = List.copyOf(labelNames);
    }

    public int size() {
        return texts.size();
    }
}
