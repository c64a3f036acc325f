package dev.moodlens.models.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sequence-classification model in the Hugging Face ONNX layout: {@code config.json} (with
 * {@code id2label}), {@code tokenizer.json}, optional {@code tokenizer_config.json},
 * {@code onnx/model.onnx} and optional {@code onnx/model_quantized.onnx}. The same reader serves
 * bundled models and snapshots from the Hub cache.
 */
public record ModelDirectory(Path root, List<String> labels, int maxLength, boolean staticInt8) {

    /** The config.json key (under "moodlens") by which a model says its int8 graph quantizes activations with static scales. */
    public static final String QUANTIZATION = "quantization";
    public static final String STATIC = "static";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Hub tokenizer configs often say "no limit" with a huge sentinel; fall back to the encoder's positions. */
    private static final int SENTINEL_LIMIT = 100_000;

    public static ModelDirectory open(Path root) {
        try {
            JsonNode config = JSON.readTree(root.resolve(ModelLayout.CONFIG).toFile());
            List<String> labels = labels(config);
            int maxLength = maxLength(root, config);
            if (!Files.isRegularFile(root.resolve(ModelLayout.TOKENIZER))) {
                throw new IllegalArgumentException("model directory " + root + " has no " + ModelLayout.TOKENIZER);
            }
            if (!Files.isRegularFile(root.resolve(ModelLayout.ONNX_FP32))
                    && !Files.isRegularFile(root.resolve(ModelLayout.ONNX_INT8))) {
                throw new IllegalArgumentException("model directory " + root + " has no " + ModelLayout.ONNX_FP32);
            }
            boolean staticInt8 = STATIC.equals(config.path("moodlens").path(QUANTIZATION).asText(""));
            return new ModelDirectory(root, labels, maxLength, staticInt8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model directory " + root, e);
        }
    }

    public Path tokenizer() {
        return root.resolve(ModelLayout.TOKENIZER);
    }

    /** The ONNX file for a precision; the quantized one falls back to fp32 when the model has none. */
    public Path onnx(Precision precision) {
        Path quantized = root.resolve(ModelLayout.ONNX_INT8);
        if (precision == Precision.INT8 && Files.isRegularFile(quantized)) {
            return quantized;
        }
        Path fp32 = root.resolve(ModelLayout.ONNX_FP32);
        return Files.isRegularFile(fp32) ? fp32 : quantized;
    }

    private static List<String> labels(JsonNode config) {
        JsonNode id2label = config.get("id2label");
        if (id2label == null || !id2label.isObject() || id2label.isEmpty()) {
            throw new IllegalArgumentException("config.json has no id2label");
        }
        Map<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(Integer.parseInt(e.getKey()), e.getValue().asText().toLowerCase());
        }
        List<String> labels = new ArrayList<>(byId.values());
        if (!byId.keySet().equals(new java.util.TreeSet<>(java.util.stream.IntStream.range(0, labels.size()).boxed().toList()))) {
            throw new IllegalArgumentException("config.json id2label ids are not 0..n-1");
        }
        return List.copyOf(labels);
    }

    private static int maxLength(Path root, JsonNode config) throws IOException {
        Path tokenizerConfig = root.resolve(ModelLayout.TOKENIZER_CONFIG);
        if (Files.isRegularFile(tokenizerConfig)) {
            JsonNode node = JSON.readTree(tokenizerConfig.toFile()).get("model_max_length");
            if (node != null && node.isNumber() && node.asLong() > 0 && node.asLong() < SENTINEL_LIMIT) {
                return node.asInt();
            }
        }
        JsonNode positions = config.get("max_position_embeddings");
        if (positions != null && positions.isInt()) {
            // RoBERTa reserves two positions for its padding offset (514 -> 512).
            String type = config.path("model_type").asText("");
            return type.contains("roberta") ? positions.asInt() - 2 : positions.asInt();
        }
        return 512;
    }
}
