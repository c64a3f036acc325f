package dev.moodlens.inference.batch;

import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.Precision;

/**
 * @param maxSize          texts per ONNX Runtime run
 * @param maxDelayMicros   how long the first text of a batch waits for company
 * @param maxTokens        padded tokens (rows x longest row) per run
 * @param queueCapacity    texts waiting; beyond it submissions are refused
 * @param window           texts taken at once, sorted by length and split into runs
 * @param rounding         how answers are rounded, and which batched results must be re-run alone
 * @param runOverheadTokens fixed cost of one run in padded tokens, against which splitting saves padding
 * @param workers          threads of the batcher, each running its own windows
 */
public record BatchSettings(int maxSize, long maxDelayMicros, int maxTokens, int queueCapacity, int window,
                            ScoreRounding rounding, int runOverheadTokens, int workers) {

    public static final int DEFAULT_RUN_OVERHEAD_TOKENS = 32;

    public BatchSettings {
        if (maxSize < 1 || maxTokens < 1 || queueCapacity < 1 || maxDelayMicros < 0 || runOverheadTokens < 0
                || workers < 1) {
            throw new IllegalArgumentException("batch settings must be positive");
        }
        window = Math.max(window, maxSize);
    }

    public BatchSettings(int maxSize, long maxDelayMicros, int maxTokens, int queueCapacity, int window,
                         ScoreRounding rounding) {
        this(maxSize, maxDelayMicros, maxTokens, queueCapacity, window, rounding, DEFAULT_RUN_OVERHEAD_TOKENS, 1);
    }

    public BatchSettings(int maxSize, long maxDelayMicros, int maxTokens, int queueCapacity, int window) {
        this(maxSize, maxDelayMicros, maxTokens, queueCapacity, window, new ScoreRounding(4, 1e-6));
    }

    public static BatchSettings from(InferenceConfig config, Precision precision) {
        InferenceConfig.Batch batch = config.batch();
        return new BatchSettings(batch.maxSize(), batch.maxDelayMicros(), batch.maxTokens(), batch.queueCapacity(),
                batch.window(), new ScoreRounding(config.scoreDecimals(), batch.invarianceMargin()),
                batch.runOverheadTokens(), config.batchWorkers(precision));
    }

    RunPlanner planner() {
        return new RunPlanner(maxSize, maxTokens, runOverheadTokens);
    }
}
