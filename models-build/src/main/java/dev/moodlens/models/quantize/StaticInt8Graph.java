package dev.moodlens.models.quantize;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a dynamically quantized int8 graph (ONNX Runtime's dynamic quantization: every quantized MatMul
 * input goes through {@code DynamicQuantizeLinear}, whose scale is the min/max of the whole padded batch)
 * into one with static activation scales, so that a text's answer no longer depends on its batch-mates
 * and texts can be batched:
 * <ul>
 *   <li>each {@code DynamicQuantizeLinear(x)} becomes {@code QuantizeLinear(x, scale, zero_point)} with the
 *       scale and zero point that DynamicQuantizeLinear itself would compute for the calibrated range
 *       (uint8, asymmetric: scale = (max(hi, 0) - min(lo, 0)) / 255, zero point = round(-min(lo, 0) / scale));</li>
 *   <li>each {@code MatMulInteger -> Cast -> Mul(., Mul(x_scale, w_scale))} chain becomes ONNX Runtime's own
 *       fused kernel {@code com.microsoft.MatMulIntegerToFloat} (what its optimizer fuses the dynamic chain
 *       into; with constant scales its constant folding would otherwise remove the pattern first).</li>
 * </ul>
 * Weights, biases and every other node are kept as they are.
 */
public final class StaticInt8Graph {

    static final String MS_DOMAIN = "com.microsoft";

    private StaticInt8Graph() {
    }

    /** The names of the tensors whose ranges calibration must observe: the inputs of the DynamicQuantizeLinear nodes. */
    public static List<String> observedTensors(ModelProto dynamic) {
        List<String> out = new ArrayList<>();
        for (NodeProto n : dynamic.getGraph().getNodeList()) {
            if (n.getOpType().equals("DynamicQuantizeLinear")) {
                out.add(n.getInput(0));
            }
        }
        return out;
    }

    /** {@code ranges}: calibrated [min, max] per observed tensor; every observed tensor must have one. */
    public static ModelProto rewrite(ModelProto dynamic, Map<String, float[]> ranges) {
        GraphProto g = dynamic.getGraph();
        Map<String, NodeProto> producer = new HashMap<>();
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        Set<NodeProto> removed = new HashSet<>();
        Map<NodeProto, NodeProto> replaced = new HashMap<>();
        List<TensorProto> initializers = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            if (!n.getOpType().equals("DynamicQuantizeLinear")) {
                continue;
            }
            float[] range = ranges.get(n.getInput(0));
            if (range == null) {
                throw new IllegalArgumentException("no calibrated range for " + n.getInput(0));
            }
            String quantized = n.getOutput(0);
            String scaleName = n.getOutput(1);
            String zeroName = n.getOutput(2);
            float lo = Math.min(range[0], 0f);
            float hi = Math.max(range[1], 0f);
            float scale = hi > lo ? (hi - lo) / 255f : 1f;
            int zero = Math.max(0, Math.min(255, Math.round(-lo / scale)));
            initializers.add(scalar(scaleName, scale));
            initializers.add(TensorProto.newBuilder().setName(zeroName).setDataType(TensorProto.DataType.UINT8_VALUE)
                    .setRawData(ByteString.copyFrom(new byte[]{(byte) zero})).build());
            replaced.put(n, NodeProto.newBuilder().setName(n.getName()).setOpType("QuantizeLinear")
                    .addInput(n.getInput(0)).addInput(scaleName).addInput(zeroName).addOutput(quantized).build());
            for (NodeProto matMul : consumers.getOrDefault(quantized, List.of())) {
                if (!matMul.getOpType().equals("MatMulInteger")) {
                    throw new IllegalArgumentException("unexpected consumer of " + quantized + ": " + matMul.getOpType());
                }
                NodeProto cast = only(consumers, matMul.getOutput(0), "Cast");
                NodeProto outputMul = only(consumers, cast.getOutput(0), "Mul");
                String scalesProduct = outputMul.getInput(0).equals(cast.getOutput(0)) ? outputMul.getInput(1) : outputMul.getInput(0);
                NodeProto scalesMul = producer.get(scalesProduct);
                if (scalesMul == null || !scalesMul.getOpType().equals("Mul")) {
                    throw new IllegalArgumentException("no scale product before " + outputMul.getName());
                }
                String weightScale = scalesMul.getInput(0).equals(scaleName) ? scalesMul.getInput(1) : scalesMul.getInput(0);
                NodeProto fused = NodeProto.newBuilder().setName(matMul.getName() + "_static").setOpType("MatMulIntegerToFloat")
                        .setDomain(MS_DOMAIN)
                        .addInput(matMul.getInput(0)).addInput(matMul.getInput(1))
                        .addInput(scaleName).addInput(weightScale)
                        .addInput(matMul.getInput(2)).addInput(matMul.getInput(3))
                        .addOutput(outputMul.getOutput(0)).build();
                replaced.put(matMul, fused);
                removed.add(cast);
                removed.add(outputMul);
                removed.add(scalesMul);
            }
        }
        GraphProto.Builder out = g.toBuilder().clearNode();
        for (NodeProto n : g.getNodeList()) {
            if (!removed.contains(n)) {
                out.addNode(replaced.getOrDefault(n, n));
            }
        }
        out.addAllInitializer(initializers);
        ModelProto.Builder model = dynamic.toBuilder().setGraph(out);
        if (dynamic.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(MS_DOMAIN))) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        return model.build();
    }

    /** Whether the graph quantizes activations with static scales (no DynamicQuantizeLinear left). */
    public static boolean isStatic(ModelProto model) {
        return model.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("DynamicQuantizeLinear"));
    }

    private static NodeProto only(Map<String, List<NodeProto>> consumers, String tensor, String opType) {
        List<NodeProto> c = consumers.getOrDefault(tensor, List.of());
        if (c.size() != 1 || !c.get(0).getOpType().equals(opType)) {
            throw new IllegalArgumentException("expected one " + opType + " after " + tensor + ", found " + c.size());
        }
        return c.get(0);
    }

    private static TensorProto scalar(String name, float value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array()))
                .build();
    }
}
