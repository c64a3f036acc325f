package dev.moodlens.models.runtime;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny but real sequence classifier in the Hugging Face ONNX layout, written by the tests (shared with the
 * inference service's tests through this module's test jar): a
 * whitespace word-level tokenizer, an embedding table whose dimensions are the labels, masked mean
 * pooling and a linear layer. Inputs {@code input_ids}, {@code attention_mask}; output {@code logits}.
 * "good great love happy" lean positive, "bad awful hate sad" negative, the rest neutral.
 */
public final class TinyModel {

    public static final List<String> LABELS = List.of("negative", "neutral", "positive");
    static final List<String> WORDS = List.of("[UNK]", "[PAD]", "good", "great", "love", "happy", "bad", "awful",
            "hate", "sad", "the", "movie", "is", "was", "i", "it", "day", "ok", "fine", "this");

    private TinyModel() {
    }

    /** Writes the model directory; {@code bias} shifts the logits so two variants give different answers. */
    public static Path write(Path dir, float bias, int maxLength) {
        try {
            Files.createDirectories(dir.resolve("onnx"));
            Map<String, String> id2label = new LinkedHashMap<>();
            for (int i = 0; i < LABELS.size(); i++) {
                id2label.put(Integer.toString(i), LABELS.get(i));
            }
            StringBuilder labels = new StringBuilder();
            id2label.forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ",").append('"').append(k)
                    .append("\":\"").append(v).append('"'));
            Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"bert\",\"max_position_embeddings\":512,"
                    + "\"id2label\":{" + labels + "}}", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\":" + maxLength + "}",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("tokenizer.json"), tokenizer(), StandardCharsets.UTF_8);
            Files.write(dir.resolve("onnx/model.onnx"), model(bias).toByteArray());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's files as bytes, keyed by path in the layout (for the fake Hub). */
    public static Map<String, byte[]> files(Path dir) {
        Map<String, byte[]> files = new HashMap<>();
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx")) {
            try {
                files.put(f, Files.readAllBytes(dir.resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String tokenizer() {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < WORDS.size(); i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(WORDS.get(i)).append("\":").append(i);
        }
        return """
                {"version":"1.0","truncation":null,"padding":null,
                 "added_tokens":[{"id":0,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
                                 {"id":1,"content":"[PAD]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],
                 "normalizer":{"type":"Lowercase"},
                 "pre_tokenizer":{"type":"Whitespace"},
                 "post_processor":null,"decoder":null,
                 "model":{"type":"WordLevel","vocab":{%s},"unk_token":"[UNK]"}}
                """.formatted(vocab);
    }

    private static OnnxMl.ModelProto model(float bias) {
        int vocab = WORDS.size();
        int dims = LABELS.size();
        float[] embedding = new float[vocab * dims];
        for (int w = 0; w < vocab; w++) {
            String word = WORDS.get(w);
            int label = switch (word) {
                case "good", "great", "love", "happy" -> 2;
                case "bad", "awful", "hate", "sad" -> 0;
                default -> 1;
            };
            embedding[w * dims + label] = label == 1 ? 0.5f : 2f;
            embedding[w * dims + (label + 1) % dims] = 0.1f * (w % 3); // a little texture per word
        }
        float[] weights = {3f, 0f, 0f, 0f, 3f, 0f, 0f, 0f, 3f};
        float[] biases = {0f, bias, 0f};
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("tiny")
                .addInput(input("input_ids", OnnxMl.TensorProto.DataType.INT64))
                .addInput(input("attention_mask", OnnxMl.TensorProto.DataType.INT64))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("logits").setType(type(
                        OnnxMl.TensorProto.DataType.FLOAT, "batch", Integer.toString(dims))))
                .addInitializer(floats("embedding", embedding, vocab, dims))
                .addInitializer(floats("weights", weights, dims, dims))
                .addInitializer(floats("biases", biases, dims))
                .addInitializer(longs("axis1", 1))
                .addInitializer(longs("axis2", 2))
                .addNode(node("Gather", List.of("embedding", "input_ids"), "embedded"))
                .addNode(node("Cast", List.of("attention_mask"), "maskf").toBuilder()
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to")
                                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                                .setI(OnnxMl.TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("Unsqueeze", List.of("maskf", "axis2"), "mask3"))
                .addNode(node("Mul", List.of("embedded", "mask3"), "masked"))
                .addNode(keepDims(node("ReduceSum", List.of("masked", "axis1"), "summed")))
                .addNode(keepDims(node("ReduceSum", List.of("mask3", "axis1"), "counted")))
                .addNode(node("Div", List.of("summed", "counted"), "mean"))
                .addNode(node("MatMul", List.of("mean", "weights"), "scaled"))
                .addNode(node("Add", List.of("scaled", "biases"), "logits"));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("moodlens-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build();
    }

    private static OnnxMl.NodeProto keepDims(OnnxMl.NodeProto node) {
        return node.toBuilder().addAttribute(OnnxMl.AttributeProto.newBuilder().setName("keepdims")
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(0)).build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addAllInput(inputs)
                .addOutput(output).build();
    }

    private static OnnxMl.ValueInfoProto input(String name, OnnxMl.TensorProto.DataType type) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type(type, "batch", "sequence")).build();
    }

    private static OnnxMl.TypeProto type(OnnxMl.TensorProto.DataType type, String... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (String d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape)).build();
    }

    private static OnnxMl.TensorProto floats(String name, float[] values, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static OnnxMl.TensorProto longs(String name, long... values) {
        return OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(java.util.Arrays.stream(values).boxed().toList()).build();
    }
}
