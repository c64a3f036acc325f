package dev.moodlens.models.tune;

import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.runtime.Task;

import java.util.List;

/**
 * The models each hardware tier of the inference service serves (the root README has the measured table):
 * {@code low} the 6-layer minilm-l6; {@code standard} one 12-layer encoder per task, the one with the better
 * validation score after fine-tuning with the same recipe (today e5-small for both: sentiment 78.96 against
 * bge-small's 76.87, emotion 80.63 against 80.18; models-build README, "Tiers"); {@code high} the weighted mean of
 * the standard tier's model and the bundled model, the same e5-small trained two ways (in full on the tier's data;
 * with low-rank adapters, emotion on GoEmotions-led data), weights chosen on validation (one ensemble graph,
 * {@code EnsembleGraph}, {@code EnsembleWeights}). On validation it scored above the mean of bge-small and e5-small
 * (sentiment 79.63 against 79.13, emotion 81.88 against 81.37) and needs no training of its own. The precision is the
 * service's choice per tier (int8 for low and standard, fp32 for high).
 */
public enum ServingTier {
    LOW("low", List.of(Member.tuned(Encoder.MINILM_L6)), List.of(Member.tuned(Encoder.MINILM_L6))),
    STANDARD("standard", List.of(Member.tuned(Encoder.E5_SMALL)), List.of(Member.tuned(Encoder.E5_SMALL))),
    HIGH("high", List.of(Member.tuned(Encoder.E5_SMALL), Member.BUNDLED), List.of(Member.tuned(Encoder.E5_SMALL), Member.BUNDLED));

    /**
     * One model of a tier's task: an encoder fine-tuned in full by its recipe ({@link TrainTunedModels#RECIPES}),
     * or the bundled model ({@link TrainTunedModels#ADAPTED} with the committed adapters, assembled, not trained).
     */
    public record Member(Encoder encoder, boolean bundled) {
        public static final Member BUNDLED = new Member(TrainTunedModels.ADAPTED, true);

        public static Member tuned(Encoder encoder) {
            return new Member(encoder, false);
        }
    }

    private final String id;
    private final List<Member> sentiment;
    private final List<Member> emotion;

    ServingTier(String id, List<Member> sentiment, List<Member> emotion) {
        this.id = id;
        this.sentiment = sentiment;
        this.emotion = emotion;
    }

    public String id() {
        return id;
    }

    /** The models the tier's model of a task is made of (an ensemble when more than one). */
    public List<Member> members(Task task) {
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
