package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import dev.moodlens.models.head.Head;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Appends a trained {@link Head} to the encoder's ONNX graph, so the model is ONE graph from
 * {@code input_ids}/{@code attention_mask}/{@code token_type_ids} to {@code logits}, run exactly as a
 * Hugging Face export:
 * <pre>
 * mask    = Unsqueeze(Cast(attention_mask), [2])
 * pooled  = ReduceSum(last_hidden_state * mask, [1]) / Max(ReduceSum(Cast(attention_mask), [1]), 1e-9)
 * logits  = ((pooled - mean) / scale) @ weights + bias + ReduceSum(Gather(bag, input_ids) * mask, [1])
 * </pre>
 * Standard operators at the encoder's opset (axes as attributes below opset 13, as inputs from 13).
 * The output is deterministic: same encoder and head, same bytes.
 */
public final class HeadGraphWriter {

    static final String HIDDEN = "last_hidden_state";
    static final String LOGITS = "logits";
    private static final String P = "moodlens_head/";

    private HeadGraphWriter() {
    }

    public static ModelProto read(Path onnx) throws IOException {
        try (InputStream in = Files.newInputStream(onnx)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            return ModelProto.parseFrom(coded);
        }
    }

    public static void write(ModelProto model, Path onnx) throws IOException {
        Files.createDirectories(onnx.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(onnx)) {
            CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
            coded.useDeterministicSerialization();
            model.writeTo(coded);
            coded.flush();
        }
    }

    /** The encoder graph with the head appended; the only graph output is {@code logits} [batch, labels]. */
    public static ModelProto withHead(ModelProto encoder, Head head, int vocabSize, String docString) {
        GraphProto graph = encoder.getGraph();
        if (graph.getOutputList().stream().noneMatch(o -> o.getName().equals(HIDDEN))) {
            throw new IllegalArgumentException("encoder has no output " + HIDDEN);
        }
        long opset = encoder.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("encoder imports no default opset"));
        boolean axesAsInput = opset >= 13;
        String batchDim = graph.getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam();
        int labels = head.labels();
        int features = head.features();

        GraphProto.Builder g = graph.toBuilder();
        g.clearOutput();
        g.addInitializer(floats(P + "eps", new long[0], new float[]{1e-9f}));
        g.addInitializer(floats(P + "mean", new long[]{features}, head.mean()));
        g.addInitializer(floats(P + "scale", new long[]{features}, head.scale()));
        g.addInitializer(floats(P + "weights", new long[]{features, labels}, flatten(head.weights())));
        g.addInitializer(floats(P + "bias", new long[]{labels}, head.bias()));
        g.addInitializer(floats(P + "bag", new long[]{vocabSize, labels}, flatten(head.denseBag(vocabSize))));
        if (axesAsInput) {
            g.addInitializer(longs(P + "axis1", new long[]{1}));
            g.addInitializer(longs(P + "axis2", new long[]{2}));
        }

        g.addNode(node("Cast", List.of("attention_mask"), P + "mask").addAttribute(
                AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE)));
        g.addNode(axes(node("Unsqueeze", List.of(P + "mask"), P + "mask3"), 2, axesAsInput, null));
        g.addNode(node("Mul", List.of(HIDDEN, P + "mask3"), P + "masked_hidden"));
        g.addNode(axes(node("ReduceSum", List.of(P + "masked_hidden"), P + "hidden_sum"), 1, axesAsInput, 0L));
        g.addNode(axes(node("ReduceSum", List.of(P + "mask"), P + "token_count"), 1, axesAsInput, 1L));
        g.addNode(node("Max", List.of(P + "token_count", P + "eps"), P + "token_count_safe"));
        g.addNode(node("Div", List.of(P + "hidden_sum", P + "token_count_safe"), P + "pooled"));
        g.addNode(node("Sub", List.of(P + "pooled", P + "mean"), P + "centred"));
        g.addNode(node("Div", List.of(P + "centred", P + "scale"), P + "standardised"));
        g.addNode(node("MatMul", List.of(P + "standardised", P + "weights"), P + "embedding_scores"));
        g.addNode(node("Add", List.of(P + "embedding_scores", P + "bias"), P + "embedding_logits"));
        g.addNode(node("Gather", List.of(P + "bag", "input_ids"), P + "bag_rows").addAttribute(
                AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0)));
        g.addNode(node("Mul", List.of(P + "bag_rows", P + "mask3"), P + "bag_rows_masked"));
        g.addNode(axes(node("ReduceSum", List.of(P + "bag_rows_masked"), P + "bag_logits"), 1, axesAsInput, 0L));
        g.addNode(node("Add", List.of(P + "embedding_logits", P + "bag_logits"), LOGITS));

        g.addOutput(ValueInfoProto.newBuilder().setName(LOGITS).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(
                        TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batchDim))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(labels))))));
        g.setName("moodlens-" + head.task().id());
        return encoder.toBuilder().setGraph(g).setDocString(docString).build();
    }

    private static NodeProto.Builder node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    }

    private static NodeProto.Builder axes(NodeProto.Builder node, long axis, boolean asInput, Long keepDims) {
        if (asInput) {
            node.addInput(P + "axis" + axis);
        } else {
            node.addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS)
                    .addInts(axis));
        }
        if (keepDims != null) {
            node.addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT)
                    .setI(keepDims));
        }
        return node;
    }

    private static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        bytes.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static TensorProto longs(String name, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        bytes.flip();
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(bytes)).build();
    }

    private static float[] flatten(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * cols, cols);
        }
        return out;
    }
}
