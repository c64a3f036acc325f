package dev.moodlens.models.assemble;

import dev.moodlens.models.head.Encoder;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.moodlens.models.TestPaths;
import dev.moodlens.models.head.EncoderFiles;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int8 writer's schemes are the published int8 encoder's: quantizing the ORIGINAL fp32 weights
 * reproduces all-minilm-l6-v2-q's scales and (up to float rounding ties) its int8 values.
 */
class Int8WeightWriterTest {

    @Test
    void requantizingTheOriginalWeightsReproducesThePublishedInt8Encoder() throws Exception {
        EncoderFiles files = TestPaths.encoder(Encoder.MINILM_L6);
        ModelProto fp32 = HeadGraphWriter.read(files.fp32());
        ModelProto published = HeadGraphWriter.read(files.quantized());
        Map<String, float[]> original = new HashMap<>();
        for (EncoderWeights.Tensor t : EncoderWeights.of(fp32).all().values()) {
            original.put(t.initializer(), t.values());
        }
        ModelProto ours = Int8WeightWriter.withTunedWeights(published, original);

        Map<String, TensorProto> expected = new HashMap<>();
        published.getGraph().getInitializerList().forEach(t -> expected.put(t.getName(), t));
        long bytes = 0;
        long differing = 0;
        int scales = 0;
        for (TensorProto t : ours.getGraph().getInitializerList()) {
            TensorProto e = expected.get(t.getName());
            if (t.getName().endsWith(Int8WeightWriter.SCALE)) {
                float[] a = EncoderWeights.floats(t);
                float[] b = EncoderWeights.floats(e);
                assertEquals(b.length, a.length, t.getName());
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i], a[i], Math.abs(b[i]) * 1e-5, t.getName() + "[" + i + "]");
                }
                scales++;
            } else if (t.getName().endsWith(Int8WeightWriter.QUANTIZED)) {
                byte[] a = t.getRawData().toByteArray();
                byte[] b = e.getRawData().toByteArray();
                assertEquals(b.length, a.length, t.getName());
                for (int i = 0; i < a.length; i++) {
                    bytes++;
                    if (a[i] != b[i]) {
                        differing++;
                        assertTrue(Math.abs(a[i] - b[i]) <= 1, t.getName() + " differs by more than one step at " + i);
                    }
                }
            }
        }
        assertEquals(39, scales, "36 MatMul weights + 3 embedding tables");
        assertTrue(differing < bytes / 1000, differing + " of " + bytes + " int8 values differ");
    }
}
