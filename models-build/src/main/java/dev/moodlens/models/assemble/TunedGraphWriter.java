package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes tuned encoder weights back into the fp32 encoder graph, initializer by initializer (same
 * names, same shapes), then appends the head with the assembler's {@link HeadGraphWriter}: the tuned
 * model is the same graph as the bundled one with other numbers in it.
 */
public final class TunedGraphWriter {

    private TunedGraphWriter() {
    }

    /** {@code tuned}: values by initializer name; every float initializer of the encoder must be there. */
    public static ModelProto withTunedWeights(ModelProto encoder, Map<String, float[]> tuned) {
        GraphProto.Builder g = encoder.getGraph().toBuilder();
        Map<String, float[]> left = new HashMap<>(tuned);
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                continue;
            }
            float[] values = left.remove(t.getName());
            if (values == null) {
                throw new IllegalArgumentException("no tuned values for initializer " + t.getName());
            }
            long size = t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
            if (size != values.length) {
                throw new IllegalArgumentException(t.getName() + ": " + values.length + " values for " + t.getDimsList());
            }
            g.setInitializer(i, t.toBuilder().clearFloatData().setRawData(littleEndian(values)));
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("tuned weights the graph does not have: " + left.keySet());
        }
        return encoder.toBuilder().setGraph(g).build();
    }

    /** The tuned encoder graph with the head appended: one graph from input_ids to logits. */
    public static ModelProto classifier(ModelProto encoder, Map<String, float[]> tuned, Head head, String doc) {
        return HeadGraphWriter.withHead(withTunedWeights(encoder, tuned), head, EncoderFiles.VOCAB_SIZE, doc);
    }

    static ByteString littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return ByteString.copyFrom(bytes.array());
    }
}
