package dev.moodlens.models.assemble;

import dev.moodlens.models.head.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderAdaptersTest {

    private static final String QUERY = "encoder.layer.3.attention.self.query";

    @Test
    void mergeAddsTheScaledLowRankProduct() {
        // w [2, 3], a [2, 1], b [1, 3]: w + 2 · a·b
        float[] w = {1, 2, 3, 4, 5, 6};
        float[] merged = EncoderAdapters.merge(w, new float[]{1, -1}, new float[]{0.5f, 0, 1}, 2, 1, 3, 2f);
        assertArrayEquals(new float[]{2, 2, 5, 3, 5, 4}, merged);
        assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, w, "the published weights are not changed");
        assertThrows(IllegalArgumentException.class, () -> EncoderAdapters.merge(w, new float[]{1}, new float[]{1, 1, 1}, 2, 1, 3, 1f));
    }

    @Test
    void adaptsTheProjectionWeightsOnly() {
        assertTrue(EncoderAdapters.adapts(QUERY + ".weight"));
        assertTrue(EncoderAdapters.adapts("encoder.layer.11.output.dense.weight"));
        assertFalse(EncoderAdapters.adapts(QUERY + ".bias"));
        assertFalse(EncoderAdapters.adapts("encoder.layer.3.output.LayerNorm.weight"));
        assertFalse(EncoderAdapters.adapts("embeddings.word_embeddings.weight"));
    }

    @Test
    void aSafetensorsFileGivesBackWhatWasWrittenAndAppliesToThePublishedWeights(@TempDir Path dir) throws Exception {
        Map<String, EncoderAdapters.Tensor> tensors = new LinkedHashMap<>();
        tensors.put(QUERY + EncoderAdapters.A, new EncoderAdapters.Tensor(new long[]{2, 1}, new float[]{1, -1}));
        tensors.put(QUERY + EncoderAdapters.B, new EncoderAdapters.Tensor(new long[]{1, 3}, new float[]{0.5f, 0, 1}));
        tensors.put(QUERY + ".bias", new EncoderAdapters.Tensor(new long[]{3}, new float[]{7, 8, 9}));
        Path file = dir.resolve("a.safetensors");
        new EncoderAdapters(Encoder.E5_SMALL, 1, 2f, tensors).write(file);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the header is padded to 8 bytes");
        assertTrue(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).contains("\"dtype\":\"F32\""));

        EncoderAdapters read = EncoderAdapters.read(file);
        assertSame(Encoder.E5_SMALL, read.encoder());
        assertEquals(1, read.rank());
        assertEquals(2f, read.scale());
        assertEquals(3, read.tensors().size());
        assertArrayEquals(new float[]{0.5f, 0, 1}, read.tensors().get(QUERY + EncoderAdapters.B).values());
        assertArrayEquals(new long[]{1, 3}, read.tensors().get(QUERY + EncoderAdapters.B).shape());

        Map<String, EncoderAdapters.Tensor> published = new LinkedHashMap<>();
        published.put(QUERY + ".weight", new EncoderAdapters.Tensor(new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}));
        published.put(QUERY + ".bias", new EncoderAdapters.Tensor(new long[]{3}, new float[]{0, 0, 0}));
        published.put("encoder.layer.3.output.LayerNorm.weight", new EncoderAdapters.Tensor(new long[]{1}, new float[]{1}));
        Map<String, float[]> applied = read.applyTo(published);
        assertArrayEquals(new float[]{2, 2, 5, 3, 5, 4}, applied.get(QUERY + ".weight"));
        assertArrayEquals(new float[]{7, 8, 9}, applied.get(QUERY + ".bias"));
        assertArrayEquals(new float[]{1}, applied.get("encoder.layer.3.output.LayerNorm.weight"), "untouched");
    }
}
