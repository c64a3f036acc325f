package dev.moodlens.models.train;

import java.util.List;

/** Texts with a real-valued rating each (EmoBank valence, 1..5), and their ids in the dataset. */
public record ScoredTexts(String name, List<String> ids, List<String> texts, float[] values) {

    public ScoredTexts {
        if (texts.size() != values.length || ids.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + texts.size() + " texts but " + values.length + " values");
        }
        texts = List.copyOf(texts);
        ids = List.copyOf(ids);
    }

    public int size() {
        return values.length;
    }
}
