package dev.moodlens.inference.model;

import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.inference.batch.BatchModel;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.TokenizedText;

import java.util.List;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model in memory with a reference count: the registry holds one reference while the model serves,
 * each queued text holds one until its batch has run. After a swap the old model closes when the last
 * in-flight batch using it releases it, so no request ever runs on a closed session.
 */
public final class LoadedModel implements BatchModel {

    private final SequenceClassifier classifier;
    private final ModelInfo info;
    private final ModelStamp stamp;
    private final AtomicInteger references = new AtomicInteger(1);

    public LoadedModel(SequenceClassifier classifier, ModelInfo info) {
        this.classifier = classifier;
        this.info = info;
        this.stamp = new ModelStamp(info.id(), info.revision());
    }

    public SequenceClassifier classifier() {
        return classifier;
    }

    public ModelInfo info() {
        return info;
    }

    public ModelStamp stamp() {
        return stamp;
    }

    @Override
    public List<Prediction> predict(List<TokenizedText> batch) {
        return classifier.predict(batch);
    }

    @Override
    public boolean runsAlone() {
        return classifier.runsTextsAlone();
    }

    /** Takes a reference unless the model is already closing. */
    public boolean tryAcquire() {
        for (int n = references.get(); n > 0; n = references.get()) {
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    public void release() {
        if (references.decrementAndGet() == 0) {
            classifier.close();
        }
    }

    /** Drops the registry's own reference: the model closes once nothing in flight uses it. */
    public void retire() {
        release();
    }

    public boolean closed() {
        return references.get() <= 0;
    }
}
