package dev.moodlens.models.quantize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calibration for {@link StaticInt8Graph}: runs the dynamically quantized graph on calibration texts, each
 * alone (so that no padding enters the ranges), and keeps the smallest and largest value each quantized
 * activation took: the range its static scale must cover. One thread, fixed text order: the same texts
 * give the same ranges.
 */
public final class ActivationRanges {

    private ActivationRanges() {
    }

    /** How the texts' extremes make one range. */
    public enum Policy {
        /** The smallest minimum and the largest maximum of all texts: nothing is ever clipped. */
        MIN_MAX,
        /** The mean over texts of each text's minimum and maximum (ONNX Runtime's moving-average calibration): rare outliers clip. */
        MEAN_OF_EXTREMES
    }

    public static Map<String, float[]> calibrate(ModelProto dynamic, Path tokenizerJson, int maxLength, List<String> texts)
            throws IOException, OrtException {
        return calibrate(dynamic, tokenizerJson, maxLength, texts, Policy.MIN_MAX);
    }

    public static Map<String, float[]> calibrate(ModelProto dynamic, Path tokenizerJson, int maxLength, List<String> texts,
                                                 Policy policy) throws IOException, OrtException {
        List<String> observed = StaticInt8Graph.observedTensors(dynamic);
        ModelProto.Builder probe = dynamic.toBuilder();
        for (String name : observed) {
            probe.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        Map<String, float[]> ranges = new TreeMap<>();
        observed.forEach(n -> ranges.put(n, new float[]{Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        Map<String, double[]> sums = new HashMap<>();
        observed.forEach(n -> sums.put(n, new double[2]));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, String> options = Map.of("truncation", "true", "padding", "false", "maxLength", Integer.toString(maxLength));
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options)) {
            so.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(probe.build().toByteArray(), so)) {
                boolean typeIds = session.getInputNames().contains("token_type_ids");
                for (String text : texts) {
                    Encoding e = tokenizer.encode(text);
                    long[] shape = {1, e.getIds().length};
                    Map<String, OnnxTensor> inputs = new HashMap<>();
                    try {
                        inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape));
                        inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape));
                        if (typeIds) {
                            inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
                        }
                        try (OrtSession.Result result = session.run(inputs, new java.util.LinkedHashSet<>(observed))) {
                            for (String name : observed) {
                                OnnxValue value = result.get(name).orElseThrow();
                                FloatBuffer values = ((OnnxTensor) value).getFloatBuffer();
                                float[] range = ranges.get(name);
                                float lo = Float.POSITIVE_INFINITY;
                                float hi = Float.NEGATIVE_INFINITY;
                                while (values.hasRemaining()) {
                                    float v = values.get();
                                    lo = Math.min(lo, v);
                                    hi = Math.max(hi, v);
                                }
                                range[0] = Math.min(range[0], lo);
                                range[1] = Math.max(range[1], hi);
                                sums.get(name)[0] += lo;
                                sums.get(name)[1] += hi;
                            }
                        }
                    } finally {
                        inputs.values().forEach(OnnxTensor::close);
                    }
                }
            }
        }
        if (policy == Policy.MEAN_OF_EXTREMES) {
            sums.forEach((name, sum) -> ranges.put(name, new float[]{(float) (sum[0] / texts.size()), (float) (sum[1] / texts.size())}));
        }
        return ranges;
    }

    /** Ranges as a JSON-friendly map (tensor name to [min, max]), sorted by name. */
    public static Map<String, List<Float>> toJson(Map<String, float[]> ranges) {
        Map<String, List<Float>> out = new LinkedHashMap<>();
        new TreeMap<>(ranges).forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    public static Map<String, float[]> fromJson(Map<String, List<Number>> json) {
        Map<String, float[]> out = new TreeMap<>();
        json.forEach((k, v) -> out.put(k, new float[]{v.get(0).floatValue(), v.get(1).floatValue()}));
        return out;
    }
}
