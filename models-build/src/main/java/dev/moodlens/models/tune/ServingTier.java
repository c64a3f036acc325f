package dev.moodlens.models.tune;

import dev.moodlens.models.head.Encoder;

import java.util.List;

/**
 * The models each hardware tier of the inference service serves (its README has the measured table):
 * {@code low} the 6-layer minilm-l6, {@code standard} bge-small, {@code high} the mean of bge-small and
 * e5-small (one ensemble graph, {@code EnsembleGraph}). The precision is the service's choice per tier
 * (int8 for low and standard, fp32 for high).
 */
public enum ServingTier {
    LOW("low", List.of(Encoder.MINILM_L6)),
    STANDARD("standard", List.of(Encoder.BGE_SMALL)),
    HIGH("high", List.of(Encoder.BGE_SMALL, Encoder.E5_SMALL));

    private final String id;
    private final List<Encoder> encoders;

    ServingTier(String id, List<Encoder> encoders) {
        this.id = id;
        this.encoders = encoders;
    }

    public String id() {
        return id;
    }

    /** The fine-tuned encoders the tier's models are made of (an ensemble when more than one). */
    public List<Encoder> encoders() {
        return encoders;
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
