package dev.moodlens.models.tune;

import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.runtime.Task;

import java.util.List;

/**
 * The models each hardware tier of the inference service serves (the root README has the measured table):
 * {@code low} the 6-layer minilm-l6; {@code standard} one 12-layer encoder per task, the one with the better
 * validation score after fine-tuning with the same recipe (today e5-small for both: sentiment 78.96 against
 * bge-small's 76.87, emotion 80.63 against 80.18; models-build README, "Tiers"); {@code high} the weighted mean of
 * bge-small and e5-small, weights chosen on validation (one ensemble graph, {@code EnsembleGraph},
 * {@code EnsembleWeights}). The precision is the service's choice per
 * tier (int8 for low and standard, fp32 for high).
 */
public enum ServingTier {
    LOW("low", List.of(Encoder.MINILM_L6), List.of(Encoder.MINILM_L6)),
    STANDARD("standard", List.of(Encoder.E5_SMALL), List.of(Encoder.E5_SMALL)),
    HIGH("high", List.of(Encoder.BGE_SMALL, Encoder.E5_SMALL), List.of(Encoder.BGE_SMALL, Encoder.E5_SMALL));

    private final String id;
    private final List<Encoder> sentiment;
    private final List<Encoder> emotion;

    ServingTier(String id, List<Encoder> sentiment, List<Encoder> emotion) {
        this.id = id;
        this.sentiment = sentiment;
        this.emotion = emotion;
    }

    public String id() {
        return id;
    }

    /** The fine-tuned encoders the tier's model of a task is made of (an ensemble when more than one). */
    public List<Encoder> encoders(Task task) {
        return task == Task.SENTIMENT ? sentiment : emotion;
    }

    public static ServingTier byId(String id) {
        for (ServingTier t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier " + id + " (low, standard, high)");
    }
}
