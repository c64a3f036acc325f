package dev.moodlens.models.tune;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Wordpiece ids and labels of labelled texts, tokenized as the serving runtime does (truncation at 256, no padding). */
public record TokenizedTexts(long[][] ids, int[] labels) {

    public static TokenizedTexts of(LabelledTexts data, Path tokenizerJson) throws IOException {
        Map<String, String> options = Map.of("truncation", "true", "padding", "false",
                "maxLength", Integer.toString(EncoderFiles.MAX_LENGTH));
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
            long[][] ids = new long[data.size()][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokenizer.encode(data.texts().get(i)).getIds();
            }
            return new TokenizedTexts(ids, data.labels().clone());
        }
    }

    public int size() {
        return labels.length;
    }
}
