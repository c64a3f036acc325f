package dev.moodlens.inference.batch;

import dev.moodlens.inference.config.InferenceConfig;

/**
 * @param maxSize          texts per ONNX Runtime run
 * @param maxDelayMicros   how long the first text of a batch waits for company
 * @param maxTokens        padded tokens (rows x longest row) per run
 * @param queueCapacity    texts waiting; beyond it submissions are refused
 * @param window           texts taken at once, sorted by length and split into runs
 */
public record BatchSettings(int maxSize, long maxDelayMicros, int maxTokens, int queueCapacity, int window) {

    public BatchSettings {
        if (maxSize < 1 || maxTokens < 1 || queueCapacity < 1 || maxDelayMicros < 0) {
            throw new IllegalArgumentException("batch settings must be positive");
        }
        window = Math.max(window, maxSize);
    }

    public static BatchSettings from(InferenceConfig.Batch batch) {
        return new BatchSettings(batch.maxSize(), batch.maxDelayMicros(), batch.maxTokens(), batch.queueCapacity(),
                batch.window());
    }
}
