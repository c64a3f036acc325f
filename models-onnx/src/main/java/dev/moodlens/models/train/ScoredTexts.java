package dev.moodlens.models.train;

import java.util.List;

/** Texts with a real-valued rating each (EmoBank valence, 1..5). */
public record ScoredTexts(String name, List<String> texts, float[] values) {

    public ScoredTexts {
        if (texts.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + texts.size() + " texts but " + values.length + " values");
        }
        texts = List.copyOf(texts);
    }

    public int size() {
        return values.length;
    }
}
