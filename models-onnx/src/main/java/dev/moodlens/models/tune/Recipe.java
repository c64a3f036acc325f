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
 */
public record Recipe(int maxEpochs, int patience, int batchSize, float encoderLearningRate, float headLearningRate,
                     float warmupFraction, float weightDecay, float dropout, long seed, int maxTrain) {

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
        return m;
    }
}
