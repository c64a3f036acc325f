package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.TokenizedText;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model for batcher tests: answers each text with its token length as its one probability, records the runs
 * (texts' lengths) and, while its gate is closed, holds the worker that runs it.
 */
public class RecordingModel implements BatchModel {

    public final List<List<Integer>> runs = new CopyOnWriteArrayList<>();
    public volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public List<Prediction> predict(List<TokenizedText> batch) {
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runs.add(batch.stream().map(TokenizedText::length).toList());
        return batch.stream().map(t -> new Prediction(new float[]{t.length()}, false)).toList();
    }

    /** A tokenized text of {@code length} tokens. */
    public static TokenizedText text(int length) {
        return new TokenizedText(new long[length], new long[length], false);
    }
}
