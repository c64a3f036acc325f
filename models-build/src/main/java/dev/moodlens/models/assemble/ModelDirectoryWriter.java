package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.quantize.StaticInt8Graph;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.ModelLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one model directory in the Hugging Face ONNX layout, so the inference service reads a
 * bundled model exactly as a Hub snapshot: config.json, tokenizer.json, tokenizer_config.json,
 * special_tokens_map.json, onnx/model.onnx, onnx/model_quantized.onnx, README.md.
 */
public final class ModelDirectoryWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final EncoderFiles files;
    private final JsonNode tokenizer;

    public ModelDirectoryWriter(EncoderFiles files) throws IOException {
        this.files = files;
        this.tokenizer = servingTokenizer(JSON.readTree(files.tokenizer().toFile()));
    }

    /**
     * A fine-tuned model committed as adapters (the bundled models): the published encoder with the adapters merged
     * in, the head, and the int8 graph with the model's own committed activation scales.
     */
    public void writeAdapted(String name, Head head, EncoderAdapters adapters, Map<String, float[]> int8Ranges,
                             String cardMarkdown, Path dir) throws IOException {
        ModelProto encoder = HeadGraphWriter.read(files.fp32());
        Map<String, float[]> tuned = adapters.byInitializer(EncoderWeights.of(encoder));
        String doc = name + ": " + files.encoder().coordinates() + " + low-rank adapters + head (MoodLens)";
        writeTunedFp32(encoder, tuned, head, doc, dir);
        writeStaticInt8(tunedDynamicInt8(tuned, head, doc), int8Ranges, dir);
        writeMetadata(name, head, cardMarkdown, dir);
    }

    /** The fp32 graph of a fine-tuned model: {@code encoder} (the published graph) with the tuned values and the head. */
    public void writeTunedFp32(ModelProto encoder, Map<String, float[]> tuned, Head head, String doc, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        HeadGraphWriter.write(TunedGraphWriter.classifier(encoder, tuned, head, doc), dir.resolve(ModelLayout.ONNX_FP32));
    }

    /**
     * The int8 graph of a fine-tuned model before its activation scales are fixed: the published int8 graph with the
     * tuned weights quantized in, and the head (what calibration runs).
     */
    public ModelProto tunedDynamicInt8(Map<String, float[]> tuned, Head head, String doc) throws IOException {
        return HeadGraphWriter.withHead(Int8WeightWriter.withTunedWeights(HeadGraphWriter.read(files.quantized()), tuned),
                head, EncoderFiles.VOCAB_SIZE, doc.replace(files.encoder().coordinates(), files.encoder().quantizedCoordinates()));
    }

    /** The batchable int8 graph: {@code dynamic} with static activation scales from {@code ranges}. */
    public static void writeStaticInt8(ModelProto dynamic, Map<String, float[]> ranges, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        HeadGraphWriter.write(StaticInt8Graph.rewrite(dynamic, ranges), dir.resolve(ModelLayout.ONNX_INT8));
    }

    /** Everything but the ONNX files: config.json (name, labels, recipe), tokenizer files, model card. */
    public void writeMetadata(String name, Head head, String cardMarkdown, Path dir) throws IOException {
        Files.createDirectories(dir);
        json(dir.resolve(ModelLayout.CONFIG), config(name, head, files.encoder()));
        json(dir.resolve(ModelLayout.TOKENIZER), tokenizer);
        json(dir.resolve(ModelLayout.TOKENIZER_CONFIG), tokenizerConfig());
        json(dir.resolve(ModelLayout.SPECIAL_TOKENS_MAP), specialTokens());
        Files.write(dir.resolve(ModelLayout.README), cardMarkdown.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode config(String name, Head head, Encoder encoder) {
        ObjectNode c = JSON.createObjectNode();
        ArrayNode architectures = c.putArray("architectures");
        architectures.add("BertForSequenceClassification");
        c.put("model_type", "bert");
        c.put("problem_type", "single_label_classification");
        ObjectNode id2label = c.putObject("id2label");
        ObjectNode label2id = c.putObject("label2id");
        List<String> labels = head.task().labels();
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
        }
        for (int i = 0; i < labels.size(); i++) {
            label2id.put(labels.get(i), i);
        }
        c.put("hidden_size", head.features());
        c.put("num_hidden_layers", encoder.layers());
        c.put("num_attention_heads", 12);
        c.put("max_position_embeddings", 512);
        c.put("vocab_size", EncoderFiles.VOCAB_SIZE);
        c.put("type_vocab_size", 2);
        ObjectNode moodlens = c.putObject("moodlens");
        moodlens.put("name", name);
        moodlens.put("encoder", encoder.coordinates());
        moodlens.put("quantized_encoder", encoder.quantizedCoordinates());
        moodlens.put("onnx_output", HeadGraphWriter.LOGITS);
        // onnx/model_quantized.onnx quantizes activations with calibrated static scales (StaticInt8Graph): it batches
        moodlens.put(ModelDirectory.QUANTIZATION, ModelDirectory.STATIC);
        moodlens.put("bag_rows", head.bagIds().length);
        moodlens.set("recipe", JSON.valueToTree(new java.util.TreeMap<>(head.recipe())));
        return c;
    }

    /**
     * The encoder's tokenizer as served: truncation at {@link EncoderFiles#MAX_LENGTH}, no fixed
     * padding (the jar's copy pads everything to 128; batches are padded by the runtime instead).
     */
    static JsonNode servingTokenizer(JsonNode original) {
        ObjectNode t = original.deepCopy();
        ObjectNode truncation = JSON.createObjectNode();
        truncation.put("direction", "Right");
        truncation.put("max_length", EncoderFiles.MAX_LENGTH);
        truncation.put("strategy", "LongestFirst");
        truncation.put("stride", 0);
        t.set("truncation", truncation);
        t.putNull("padding");
        return t;
    }

    private static ObjectNode tokenizerConfig() {
        ObjectNode c = JSON.createObjectNode();
        c.put("tokenizer_class", "BertTokenizer");
        c.put("do_lower_case", true);
        c.put("model_max_length", EncoderFiles.MAX_LENGTH);
        c.put("tokenize_chinese_chars", true);
        c.putNull("strip_accents");
        c.put("clean_up_tokenization_spaces", true);
        for (Map.Entry<String, String> e : specialTokenNames().entrySet()) {
            c.put(e.getKey(), e.getValue());
        }
        return c;
    }

    private static ObjectNode specialTokens() {
        ObjectNode c = JSON.createObjectNode();
        for (Map.Entry<String, String> e : specialTokenNames().entrySet()) {
            c.put(e.getKey(), e.getValue());
        }
        return c;
    }

    private static Map<String, String> specialTokenNames() {
        return new java.util.TreeMap<>(Map.of("cls_token", "[CLS]", "mask_token", "[MASK]", "pad_token", "[PAD]",
                "sep_token", "[SEP]", "unk_token", "[UNK]"));
    }

    private static void json(Path file, JsonNode node) throws IOException {
        Files.write(file, (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
