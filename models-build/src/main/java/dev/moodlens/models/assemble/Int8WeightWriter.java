package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Quantizes tuned fp32 weights into the structure of the published int8 encoder
 * (all-minilm-l6-v2-q, ONNX Runtime dynamic quantization): the graph, its MatMulInteger /
 * DynamicQuantizeLinear nodes and every non-weight tensor stay as they are; only the numbers change.
 * The schemes are the ones that graph uses, checked on its own zero points:
 * <ul>
 * <li>MatMul weights {@code X_quantized} int8 [in, out], per output column, symmetric, zero point 0,
 *     7-bit range (ORT's reduce_range): scale = max|w| / 64, q = clamp(rint(w / scale), -64, 64);</li>
 * <li>embedding tables {@code X_quantized} uint8, one scale per table, zero point 128:
 *     scale = 2·max|w| / 255, q = clamp(rint(w / scale) + 128, 0, 255);</li>
 * <li>float tensors (biases, LayerNorm) copied as they are.</li>
 * </ul>
 * Kept apart from the head and from how activations are quantized at run time, so a change to the
 * DynamicQuantizeLinear handling composes with it.
 */
public final class Int8WeightWriter {

    static final String QUANTIZED = "_quantized";
    static final String SCALE = "_scale";
    static final String ZERO_POINT = "_zero_point";

    private Int8WeightWriter() {
    }

    /** {@code tuned}: fp32 values by the fp32 graph's initializer names; each must land somewhere. */
    public static ModelProto withTunedWeights(ModelProto quantizedEncoder, Map<String, float[]> tuned) {
        GraphProto.Builder g = quantizedEncoder.getGraph().toBuilder();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            index.put(g.getInitializer(i).getName(), i);
        }
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, float[]> e : tuned.entrySet()) {
            String name = e.getKey();
            float[] w = e.getValue();
            if (index.containsKey(name)) {
                TensorProto t = g.getInitializer(index.get(name));
                if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                    throw new IllegalArgumentException(name + " is not float in the quantized graph");
                }
                g.setInitializer(index.get(name), t.toBuilder().clearFloatData()
                        .setRawData(TunedGraphWriter.littleEndian(w)).build());
            } else if (index.containsKey(name + QUANTIZED)) {
                TensorProto q = g.getInitializer(index.get(name + QUANTIZED));
                TensorProto zero = g.getInitializer(index.get(name + ZERO_POINT));
                TensorProto scale = g.getInitializer(index.get(name + SCALE));
                if (q.getDataType() == TensorProto.DataType.INT8_VALUE) {
                    quantizeColumns(g, index, name, q, zero, scale, w);
                } else if (q.getDataType() == TensorProto.DataType.UINT8_VALUE) {
                    quantizeTable(g, index, name, q, zero, scale, w);
                } else {
                    throw new IllegalArgumentException(name + QUANTIZED + ": unexpected type " + q.getDataType());
                }
            } else {
                throw new IllegalArgumentException("the quantized graph has no place for " + name);
            }
            used.add(name);
        }
        return quantizedEncoder.toBuilder().setGraph(g).build();
    }

    private static void quantizeColumns(GraphProto.Builder g, Map<String, Integer> index, String name,
                                        TensorProto q, TensorProto zero, TensorProto scale, float[] w) {
        int rows = (int) q.getDims(0);
        int cols = (int) q.getDims(1);
        if (rows * cols != w.length || scale.getFloatDataCount() + scale.getRawData().size() / 4 != cols) {
            throw new IllegalArgumentException(name + ": shape differs from the quantized graph's");
        }
        for (int c = 0; c < cols; c++) {
            if (zeroPoint(zero, c) != 0) {
                throw new IllegalArgumentException(name + ": zero point not 0, a scheme this writer does not know");
            }
        }
        float[] scales = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                scales[c] = Math.max(scales[c], Math.abs(w[r * cols + c]));
            }
        }
        for (int c = 0; c < cols; c++) {
            scales[c] = scales[c] == 0 ? 1f : scales[c] / 64f;
        }
        byte[] out = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (byte) clamp(Math.rint(w[r * cols + c] / scales[c]), -64, 64);
            }
        }
        setScale(g, index, name, scale, scales);
        g.setInitializer(index.get(name + QUANTIZED), q.toBuilder().setRawData(ByteString.copyFrom(out)).build());
    }

    private static void quantizeTable(GraphProto.Builder g, Map<String, Integer> index, String name,
                                      TensorProto q, TensorProto zero, TensorProto scale, float[] w) {
        if (zeroPoint(zero, 0) != 128) {
            throw new IllegalArgumentException(name + ": zero point not 128, a scheme this writer does not know");
        }
        float max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        float s = max == 0 ? 1f : 2 * max / 255f;
        byte[] out = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (byte) clamp(Math.rint(w[i] / s) + 128, 0, 255);
        }
        setScale(g, index, name, scale, new float[]{s});
        g.setInitializer(index.get(name + QUANTIZED), q.toBuilder().setRawData(ByteString.copyFrom(out)).build());
    }

    private static void setScale(GraphProto.Builder g, Map<String, Integer> index, String name, TensorProto scale, float[] values) {
        TensorProto.Builder b = scale.toBuilder().clearFloatData().clearRawData();
        for (float v : values) {
            b.addFloatData(v);
        }
        g.setInitializer(index.get(name + SCALE), b.build());
    }

    private static int zeroPoint(TensorProto zero, int i) {
        if (zero.getInt32DataCount() > 0) {
            return zero.getInt32Data(i);
        }
        byte b = zero.getRawData().byteAt(i);
        return zero.getDataType() == TensorProto.DataType.UINT8_VALUE ? b & 0xff : b;
    }

    private static int clamp(double v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
