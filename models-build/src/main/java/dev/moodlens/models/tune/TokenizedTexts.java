package dev.moodlens.models.tune;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Wordpiece ids, labels (-1: none) and regression targets (NaN: none) of texts, tokenized as the serving
 * runtime does (no padding), cut at {@code maxTokens}.
 */
public record TokenizedTexts(long[][] ids, int[] labels, float[] targets) {

    public TokenizedTexts(long[][] ids, int[] labels) {
        this(ids, labels, nan(labels.length));
    }

    public static TokenizedTexts of(LabelledTexts data, Path tokenizerJson) throws IOException {
        return of(TrainingTexts.labelled(data.name(), data.texts(), data.labels()), tokenizerJson, EncoderFiles.MAX_LENGTH);
    }

    public static TokenizedTexts of(TrainingTexts data, Path tokenizerJson, int maxTokens) throws IOException {
        return new TokenizedTexts(encode(data.texts(), tokenizerJson, maxTokens), data.labels().clone(), data.targets().clone());
    }

    static long[][] encode(List<String> texts, Path tokenizerJson, int maxTokens) throws IOException {
        Map<String, String> options = Map.of("truncation", "true", "padding", "false",
                "maxLength", Integer.toString(maxTokens));
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
            long[][] ids = new long[texts.size()][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokenizer.encode(texts.get(i)).getIds();
            }
            return ids;
        }
    }

    public int size() {
        return labels.length;
    }

    private static float[] nan(int n) {
        float[] t = new float[n];
        Arrays.fill(t, Float.NaN);
        return t;
    }
}
