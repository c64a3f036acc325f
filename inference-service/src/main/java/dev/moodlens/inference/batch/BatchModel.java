package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.TokenizedText;

import java.util.List;

/** What the batcher runs: one model's forward pass over tokenized texts. */
public interface BatchModel {

    List<Prediction> predict(List<TokenizedText> batch);

    /** True when the model already runs every text on its own (the int8 path): nothing to re-check. */
    default boolean runsAlone() {
        return false;
    }
}
