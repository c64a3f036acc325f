package dev.moodlens.models.assemble;

import dev.moodlens.models.TestPaths;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The bundled graph is the published encoder with the committed adapters merged in: every encoder weight equals
 * the published one plus its low-rank update (or the tuned tensor), and the adapters did change the encoder.
 * (That the merged graph computes what training computed is checked by models-build's FineTuningTest.)
 */
class AdaptedGraphTest {

    @ParameterizedTest
    @EnumSource(Task.class)
    void theBundledEncoderIsThePublishedOneWithTheAdaptersMerged(Task task) throws Exception {
        EncoderAdapters adapters = EncoderAdapters.read(EncoderAdapters.path(TestPaths.heads(), task));
        EncoderWeights published = EncoderWeights.of(HeadGraphWriter.read(TestPaths.encoder(adapters.encoder()).fp32()));
        EncoderWeights bundled = EncoderWeights.of(HeadGraphWriter.read(
                TestPaths.bundled().resolve(task.modelName()).resolve("onnx/model.onnx")));
        Map<String, float[]> expected = adapters.byInitializer(published);
        int changed = 0;
        for (Map.Entry<String, EncoderWeights.Tensor> e : published.all().entrySet()) {
            float[] inGraph = bundled.get(e.getKey()).values();
            assertArrayEquals(expected.get(e.getValue().initializer()), inGraph, 0f, task + " " + e.getKey());
            if (!java.util.Arrays.equals(inGraph, e.getValue().values())) {
                changed++;
            }
        }
        assertNotEquals(0, changed, "the adapters change the encoder");
        assertEquals(EncoderFiles.VOCAB_SIZE, published.get("embeddings.word_embeddings.weight").shape()[0]);
    }
}
