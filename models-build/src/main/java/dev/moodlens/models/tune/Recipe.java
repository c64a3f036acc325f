package dev.moodlens.models.tune;

import dev.moodlens.models.assemble.EncoderAdapters;
import dev.moodlens.models.runtime.Task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model is fine-tuned. AdamW (no decay on biases and LayerNorm), linear warm-up then linear
 * decay to 0 over {@code epochs}, class-weighted cross-entropy plus, for texts with a valence target, the
 * squared error of P(positive) - P(negative) times {@code regressionWeight}; the epoch with the best
 * validation score is kept. The head learns faster than the pretrained encoder (it starts from random
 * weights).
 *
 * @param perEpoch          texts drawn per epoch from each training source by name (0: all of it; a source
 *                          not named is not used), see {@link TrainingPlan}
 * @param frozenLayers      the embeddings and this many bottom encoder layers stay as published (no gradient
 *                          flows below the first tuned layer, which roughly halves the backward pass)
 * @param maxTokens         training texts are cut at this many tokens (serving never cuts: long texts are
 *                          split into sentences and windows); almost no training sentence is longer
 * @param tuneWordEmbeddings false keeps the 30,522 x 384 wordpiece table frozen: its dense AdamW update
 *                           and gradient cost more than the rest of a step on 2 cores
 * @param adapterRank       0: the tuned layers' weights train in full; else they stay as published and a low-rank
 *                          update of this rank trains beside each MatMul weight (LoRA, {@code EncoderAdapters}),
 *                          with their biases and LayerNorms in full: small enough to commit
 * @param startFrom         null: training starts from the published encoder; a task: from that task's committed
 *                          adapters (adapter recipes only), so this model learns its labels on an encoder that already
 *                          reads the other task (the emotion model starts from the sentiment model: a reader of prose
 *                          polarity, trained on SST, EmoBank and GoEmotions, which CARER's keyword-led sentences lack)
 */
public record Recipe(int epochs, int batchSize, float encoderLearningRate, float headLearningRate,
                     float warmupFraction, float weightDecay, float dropout, long seed,
                     boolean tuneWordEmbeddings, int frozenLayers, int maxTokens, float regressionWeight,
                     int adapterRank, Map<String, Integer> perEpoch, Task startFrom) {

    static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    public Recipe {
        // Sorted: the recipe's text is part of the tuned models' cache key, and Map.of iterates in an order
        // that changes from one JVM to the next (a key that changed per process retrained every time).
        perEpoch = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perEpoch));
        if (startFrom != null && adapterRank == 0) {
            throw new IllegalArgumentException("only adapter recipes start from another task's adapters");
        }
    }

    /** A recipe that starts from the published encoder. */
    public Recipe(int epochs, int batchSize, float encoderLearningRate, float headLearningRate, float warmupFraction,
                  float weightDecay, float dropout, long seed, boolean tuneWordEmbeddings, int frozenLayers, int maxTokens,
                  float regressionWeight, int adapterRank, Map<String, Integer> perEpoch) {
        this(epochs, batchSize, encoderLearningRate, headLearningRate, warmupFraction, weightDecay, dropout, seed,
                tuneWordEmbeddings, frozenLayers, maxTokens, regressionWeight, adapterRank, perEpoch, null);
    }

    /** This recipe drawing other numbers of texts from the sources. */
    public Recipe withPerEpoch(Map<String, Integer> texts) {
        return new Recipe(epochs, batchSize, encoderLearningRate, headLearningRate, warmupFraction, weightDecay, dropout,
                seed, tuneWordEmbeddings, frozenLayers, maxTokens, regressionWeight, adapterRank, texts, startFrom);
    }

    /** This recipe starting from {@code task}'s committed adapters. */
    public Recipe startingFrom(Task task) {
        return new Recipe(epochs, batchSize, encoderLearningRate, headLearningRate, warmupFraction, weightDecay, dropout,
                seed, tuneWordEmbeddings, frozenLayers, maxTokens, regressionWeight, adapterRank, perEpoch, task);
    }

    /** Whether the parameter of this role is trained. */
    boolean trains(String role) {
        if (adapterRank > 0 && EncoderAdapters.adapts(role)) {
            return false; // its low-rank update trains instead
        }
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
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("encoder_learning_rate", encoderLearningRate);
        m.put("head_learning_rate", headLearningRate);
        m.put("warmup_fraction", warmupFraction);
        m.put("weight_decay", weightDecay);
        m.put("dropout", dropout);
        m.put("seed", seed);
        m.put("tune_word_embeddings", tuneWordEmbeddings);
        m.put("frozen_layers", frozenLayers);
        m.put("max_tokens", maxTokens);
        m.put("regression_weight", regressionWeight);
        if (adapterRank > 0) {
            m.put("adapter_rank", adapterRank);
        }
        m.put("texts_per_epoch", perEpoch);
        if (startFrom != null) {
            m.put("start_from", startFrom.id() + " adapters");
        }
        return m;
    }
}
