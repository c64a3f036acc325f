package dev.moodlens.models.runtime;

import java.util.List;

/**
 * The files of a model directory in the Hugging Face ONNX layout, as the suite reads them (the services), writes
 * them (the build) and ships them (the classpath resources {@code bundled-models/<name>/}). The one place for
 * these names.
 */
public final class ModelLayout {

    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String VOCAB = "vocab.txt";
    /** The model card. */
    public static final String README = "README.md";
    /** The fp32 graph. */
    public static final String ONNX_FP32 = "onnx/model.onnx";
    /** The int8 graph (optional; {@link ModelDirectory#onnx} falls back to fp32 without it). */
    public static final String ONNX_INT8 = "onnx/model_quantized.onnx";
    /** Classpath folder of the bundled models: {@code bundled-models/<name>/...}. */
    public static final String BUNDLED_RESOURCES = "bundled-models";

    /** What a directory needs to load: the configuration and the tokenizer (plus one of the two graphs). */
    public static final List<String> REQUIRED = List.of(CONFIG, TOKENIZER);
    /** Every file a bundled or Hub model directory may hold (optional ones included). */
    public static final List<String> FILES = List.of(CONFIG, TOKENIZER, TOKENIZER_CONFIG, SPECIAL_TOKENS_MAP, VOCAB,
            ONNX_FP32, ONNX_INT8);

    private ModelLayout() {
    }

    /** The graph file of a precision. */
    public static String onnx(Precision precision) {
        return precision == Precision.INT8 ? ONNX_INT8 : ONNX_FP32;
    }

    /** Classpath prefix of a bundled model, e.g. {@code bundled-models/moodlens-sentiment/}. */
    public static String bundledResource(String name) {
        return BUNDLED_RESOURCES + "/" + name + "/";
    }
}
