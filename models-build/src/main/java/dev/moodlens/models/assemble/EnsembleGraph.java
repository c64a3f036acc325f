package dev.moodlens.models.assemble;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX graph that runs several classifiers over the same inputs and answers the weighted mean of their
 * probabilities, as {@code logits = log(Σ w_i softmax(logits_i))} (softmax of it gives the mean back): an
 * ensemble the services load and batch like any single model. The members must share their tokenizer (all
 * MoodLens encoders use BERT's uncased WordPiece vocabulary), inputs and label order. Every member's nodes,
 * values and initializers are prefixed {@code m<i>/} so that they never collide.
 */
public final class EnsembleGraph {

    private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");

    private EnsembleGraph() {
    }

    public static ModelProto merge(List<ModelProto> members, float[] weights, String docString) {
        if (members.size() < 2 || members.size() != weights.length) {
            throw new IllegalArgumentException("an ensemble takes two or more members, one weight each");
        }
        float total = 0;
        for (float w : weights) {
            total += w;
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("moodlens-ensemble");
        g.addAllInput(members.get(0).getGraph().getInputList());
        Map<String, OperatorSetIdProto> opsets = new LinkedHashMap<>();
        NodeProto.Builder sum = NodeProto.newBuilder().setName("ensemble/Sum").setOpType("Sum").addOutput("ensemble/mean");
        for (int i = 0; i < members.size(); i++) {
            String prefix = "m" + i + "/";
            GraphProto member = members.get(i).getGraph();
            for (OperatorSetIdProto o : members.get(i).getOpsetImportList()) {
                opsets.merge(o.getDomain(), o, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
            }
            for (TensorProto t : member.getInitializerList()) {
                g.addInitializer(t.toBuilder().setName(prefix + t.getName()));
            }
            for (NodeProto n : member.getNodeList()) {
                NodeProto.Builder b = n.toBuilder().setName(prefix + n.getName()).clearInput().clearOutput();
                n.getInputList().forEach(in -> b.addInput(in.isEmpty() || INPUTS.contains(in) ? in : prefix + in));
                n.getOutputList().forEach(out -> b.addOutput(prefix + out));
                g.addNode(b);
            }
            String logits = prefix + member.getOutput(0).getName();
            g.addNode(NodeProto.newBuilder().setName(prefix + "ensemble/Softmax").setOpType("Softmax").addInput(logits)
                    .addOutput(prefix + "ensemble/probabilities")
                    .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)));
            String weight = prefix + "ensemble/weight";
            g.addInitializer(TensorProto.newBuilder().setName(weight).setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .setRawData(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                            .putFloat(weights[i] / total).array())));
            g.addNode(NodeProto.newBuilder().setName(prefix + "ensemble/Mul").setOpType("Mul")
                    .addInput(prefix + "ensemble/probabilities").addInput(weight).addOutput(prefix + "ensemble/weighted"));
            sum.addInput(prefix + "ensemble/weighted");
        }
        g.addNode(sum);
        g.addNode(NodeProto.newBuilder().setName("ensemble/Log").setOpType("Log").addInput("ensemble/mean")
                .addOutput(HeadGraphWriter.LOGITS));
        ValueInfoProto output = members.get(0).getGraph().getOutput(0).toBuilder().setName(HeadGraphWriter.LOGITS).build();
        g.addOutput(output);
        return members.get(0).toBuilder().clearOpsetImport().addAllOpsetImport(opsets.values()).setGraph(g)
                .setDocString(docString).build();
    }
}
