package dev.moodlens.models.tune;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model is fine-tuned. AdamW (no decay on biases and LayerNorm), linear warm-up then linear
 * decay to 0 over {@code maxEpochs}, class-weighted cross-entropy, early stopping on the validation
 * score with {@code patience} epochs. The head learns faster than the pretrained encoder (it starts
 * from random weights).
 *
 * @param maxTrain texts of the train split used (a fixed-seed stratified subsample when smaller), 0 = all
 * @param frozenLayers the embeddings and this many bottom encoder layers stay as published (no gradient
 *                     flows below the first tuned layer, which roughly halves the backward pass)
 * @param tuneWordEmbeddings false keeps the 30,522 x 384 wordpiece table frozen: its dense AdamW update
 *                           and gradient cost more than the rest of a step on 2 cores
 */
public record Recipe(int maxEpochs, int patience, int batchSize, float encoderLearningRate, float headLearningRate,
                     float warmupFraction, float weightDecay, float dropout, long seed, int maxTrain,
                     boolean tuneWordEmbeddings, int frozenLayers) {

    static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    /** Whether the parameter of this role is trained. */
    boolean trains(String role) {
        if (role.equals(WORD_EMBEDDINGS)) {
            return tuneWordEmbeddings && frozenLayers == 0;
        }
        if (role.startsWith("embeddings.")) {
            return frozenLayers == 0;
        }
        if (role.startsWith("encoder.layer.")) {
            return Integer.parseInt(role.split("\\.")[2]) >= frozenLayers;
        }
        return true;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_epochs", maxEpochs);
        m.put("patience", patience);
        m.put("batch_size", batchSize);
        m.put("encoder_learning_rate", encoderLearningRate);
        m.put("head_learning_rate", headLearningRate);
        m.put("warmup_fraction", warmupFraction);
        m.put("weight_decay", weightDecay);
        m.put("dropout", dropout);
        m.put("seed", seed);
        m.put("max_train", maxTrain);
        m.put("tune_word_embeddings", tuneWordEmbeddings);
        m.put("frozen_layers", frozenLayers);
        return m;
    }
}
