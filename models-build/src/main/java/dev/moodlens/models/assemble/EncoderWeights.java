package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float weights of the exported MiniLM encoder graph, keyed by their role (Hugging Face names such
 * as {@code encoder.layer.0.attention.self.query.weight}), plus the constants the graph bakes in.
 * The exporter names MatMul weights {@code onnx::MatMul_<n>}, stored [in, out]: their role comes from
 * the node that consumes them ({@code /encoder/layer.0/attention/self/query/MatMul}). Layer-norm eps
 * and the attention-mask fill value are Constant nodes: read from the graph, never assumed.
 */
public final class EncoderWeights {

    /** One initializer: its name in the graph, its shape, its values (row-major). */
    public record Tensor(String initializer, long[] shape, float[] values) {
    }

    private final Map<String, Tensor> byRole;
    private final float layerNormEps;
    private final float maskFill;
    private final int layers;

    private EncoderWeights(Map<String, Tensor> byRole, float layerNormEps, float maskFill, int layers) {
        this.byRole = byRole;
        this.layerNormEps = layerNormEps;
        this.maskFill = maskFill;
        this.layers = layers;
    }

    public static EncoderWeights of(ModelProto model) {
        GraphProto graph = model.getGraph();
        Map<String, String> roleOfMatMulWeight = new LinkedHashMap<>();
        Map<String, NodeProto> constants = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2 && node.getInput(1).startsWith("onnx::MatMul")) {
                roleOfMatMulWeight.put(node.getInput(1), matMulRole(node.getName()));
            } else if (node.getOpType().equals("Constant")) {
                constants.put(node.getName(), node);
            }
        }
        Map<String, Tensor> byRole = new LinkedHashMap<>();
        int layers = 0;
        for (TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                continue;
            }
            String role = roleOfMatMulWeight.getOrDefault(t.getName(), t.getName());
            long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            byRole.put(role, new Tensor(t.getName(), shape, floats(t)));
            if (role.startsWith("encoder.layer.")) {
                layers = Math.max(layers, Integer.parseInt(role.split("\\.")[2]) + 1);
            }
        }
        float eps = scalar(constants, "/embeddings/LayerNorm/Constant_1");
        // mask term = (1 - mask) * fill: "/Constant" is the 1, "/Constant_1" the fill
        float fill = scalar(constants, "/Constant_1");
        return new EncoderWeights(byRole, eps, fill, layers);
    }

    /** "/encoder/layer.0/attention/self/query/MatMul" -> "encoder.layer.0.attention.self.query.weight". */
    static String matMulRole(String nodeName) {
        String path = nodeName.startsWith("/") ? nodeName.substring(1) : nodeName;
        if (!path.endsWith("/MatMul")) {
            throw new IllegalArgumentException("not a weight MatMul node: " + nodeName);
        }
        return path.substring(0, path.length() - "/MatMul".length()).replace('/', '.') + ".weight";
    }

    public Tensor get(String role) {
        Tensor t = byRole.get(role);
        if (t == null) {
            throw new IllegalArgumentException("encoder has no weight " + role);
        }
        return t;
    }

    public Map<String, Tensor> all() {
        return byRole;
    }

    public float layerNormEps() {
        return layerNormEps;
    }

    public float maskFill() {
        return maskFill;
    }

    public int layers() {
        return layers;
    }

    static float[] floats(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    private static float scalar(Map<String, NodeProto> constants, String name) {
        NodeProto node = constants.get(name);
        if (node == null) {
            throw new IllegalArgumentException("encoder graph has no Constant " + name);
        }
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals("value") && a.getT().getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                return floats(a.getT())[0];
            }
        }
        throw new IllegalArgumentException("Constant " + name + " holds no float");
    }
}
