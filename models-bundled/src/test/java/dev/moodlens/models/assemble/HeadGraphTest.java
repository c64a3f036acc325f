package dev.moodlens.models.assemble;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.moodlens.models.TestPaths;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.FeatureExtractor;
import dev.moodlens.models.train.Features;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The head inside the merged graph computes what the Java head computes on the encoder's output. */
class HeadGraphTest {

    private static final List<String> TEXTS = List.of(
            "I am so happy today",
            "I feel terrible and alone",
            "i feel a little nervous about tomorrow's interview but mostly excited",
            "The meeting was moved to Thursday.",
            "@user why would anyone ever do that?! #fail");

    @ParameterizedTest
    @EnumSource(Task.class)
    void mergedGraphLogitsEqualJavaHeadLogits(Task task) throws Exception {
        Head head = HeadFile.read(HeadFile.path(TestPaths.heads(), task));
        var encoder = TestPaths.encoder();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String merged = TestPaths.bundled().resolve(task.modelName()).resolve("onnx/model.onnx").toString();
        try (FeatureExtractor extractor = new FeatureExtractor(encoder.fp32(), encoder.tokenizer());
             OrtSession session = env.createSession(merged, new OrtSession.SessionOptions())) {
            Features features = extractor.extract(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                long[] ids = features.ids()[i];
                float[] expected = head.logits(features.pooled()[i], ids);
                long[] shape = {1, ids.length};
                long[] ones = new long[ids.length];
                java.util.Arrays.fill(ones, 1);
                try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                     OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
                     OnnxTensor typeT = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                     OrtSession.Result r = session.run(Map.of("input_ids", idT, "attention_mask", maskT,
                             "token_type_ids", typeT))) {
                    float[] actual = ((float[][]) r.get("logits").orElseThrow().getValue())[0];
                    for (int l = 0; l < expected.length; l++) {
                        assertEquals(expected[l], actual[l], 2e-6 * Math.max(1, Math.abs(expected[l])),
                                task + " text " + i + " label " + l);
                    }
                }
            }
        }
    }
}
