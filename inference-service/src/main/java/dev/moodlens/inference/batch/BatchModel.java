package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.TokenizedText;

import java.util.List;

/** What the batcher runs: one model's forward pass over tokenized texts. */
public interface BatchModel {

    List<Prediction> predict(List<TokenizedText> batch);
}
