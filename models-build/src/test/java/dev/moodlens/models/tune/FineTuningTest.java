package dev.moodlens.models.tune;

import dev.moodlens.models.assemble.EncoderAdapters;
import dev.moodlens.models.assemble.EncoderWeights;
import dev.moodlens.models.assemble.TunedGraphWriter;
import dev.moodlens.models.head.Encoder;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.moodlens.models.TestPaths;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.LabelledTexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DJL encoder computes what ONNX Runtime computes from the same graph; a tiny fine-tune changes the
 * weights; the tuned weights written back into the graph give, in ONNX Runtime, DJL's logits.
 */
class FineTuningTest {

    private static final List<String> TEXTS = List.of(
            "I am so happy today",
            "I feel terrible and alone",
            "i feel a little nervous about tomorrow's interview but mostly excited",
            "The meeting was moved to Thursday.",
            "@user why would anyone ever do that?! #fail");

    private static EncoderFiles files;
    private static ModelProto encoderGraph;
    private static EncoderWeights weights;
    private static NDManager manager;

    @BeforeAll
    static void load() throws Exception {
        files = TestPaths.encoder(Encoder.MINILM_L6);
        encoderGraph = HeadGraphWriter.read(files.fp32());
        weights = EncoderWeights.of(encoderGraph);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void readsTheGraphsWeightsAndConstants() {
        assertEquals(6, weights.layers());
        assertEquals(101, weights.all().size(), "float initializers (the position ids are int64)");
        assertEquals(1e-12f, weights.layerNormEps(), 1e-15f);
        assertTrue(weights.maskFill() < -1e38f, "mask fill is float min, not -10000: " + weights.maskFill());
        EncoderWeights.Tensor query = weights.get("encoder.layer.0.attention.self.query.weight");
        assertTrue(query.initializer().startsWith("onnx::MatMul_"));
    }

    @Test
    void encoderMatchesOnnxRuntime() throws Exception {
        TokenizedTexts tokens = tokenize(TEXTS, new int[TEXTS.size()]);
        int[] all = {0, 1, 2, 3, 4};
        PaddedBatch padded = PaddedBatch.of(tokens.ids(), all);
        BertEncoder encoder = new BertEncoder(weights, manager);
        float[] djl;
        try (NDManager step = manager.newSubManager()) {
            NDArray hidden = encoder.hidden(step.create(padded.ids(), new Shape(all.length, padded.width())),
                    step.create(padded.mask(), new Shape(all.length, padded.width())), 0f);
            djl = hidden.toFloatArray();
        }
        float[] ort = runOrt(files.fp32().toString(), padded, all.length, "last_hidden_state");
        assertEquals(ort.length, djl.length);
        assertTrue(maxDifference(ort, djl, padded, 384) < 5e-5, "max difference " + maxDifference(ort, djl, padded, 384));
    }

    /**
     * DJL's {@code x.mul(2f)} wraps the scalar in an array over a Java buffer and frees it on return, while autograd
     * keeps that array for the backward pass: freed and reused memory then became a factor of the gradients (non-finite
     * at random steps, silently wrong at others; training did not reproduce). Here the garbage collector runs and the
     * freed memory is refilled with NaN between the forward and the backward pass: the gradients must not change.
     */
    @Test
    void theBackwardPassReadsNoMemoryFreedAfterTheForwardPass() throws Exception {
        TunableClassifier model = TunableClassifier.create(Task.SENTIMENT, weights, manager, 8);
        NDArray query = model.parameters().get("encoder.layer.5.attention.self.query.weight");
        NDArray bias = model.parameters().get("encoder.layer.2.output.dense.bias");
        query.setRequiresGradient(true);
        bias.setRequiresGradient(true);
        try {
            float[][] quiet = gradients(model, query, bias, false);
            float[][] disturbed = gradients(model, query, bias, true);
            for (int g = 0; g < quiet.length; g++) {
                for (int i = 0; i < quiet[g].length; i++) {
                    assertEquals(quiet[g][i], disturbed[g][i], 0f, "gradient " + g + " element " + i);
                }
            }
        } finally {
            query.setRequiresGradient(false);
            bias.setRequiresGradient(false);
        }
    }

    private float[][] gradients(TunableClassifier model, NDArray query, NDArray bias, boolean collectAndRefill) throws Exception {
        TokenizedTexts tokens = tokenize(TEXTS, new int[TEXTS.size()]);
        int[] all = {0, 1, 2, 3, 4};
        PaddedBatch padded = PaddedBatch.of(tokens.ids(), all);
        try (NDManager step = manager.newSubManager();
             ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray loss = model.logits(step.create(padded.ids(), new Shape(all.length, padded.width())),
                    step.create(padded.mask(), new Shape(all.length, padded.width())), 0f).logSoftmax(1).sum();
            if (collectAndRefill) {
                List<java.nio.ByteBuffer> refill = new java.util.ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    System.gc();
                    try {
                        Thread.sleep(50); // the cleaner thread frees the buffers of collected arrays
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < 20_000; i++) {
                        refill.add(java.nio.ByteBuffer.allocateDirect(4).order(java.nio.ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
                    }
                }
                assertTrue(refill.size() > 0);
            }
            collector.backward(loss);
            float[][] out = new float[2][];
            try (NDArray q = query.getGradient(); NDArray b = bias.getGradient()) {
                out[0] = q.toFloatArray();
                out[1] = b.toFloatArray();
                q.subi(q);
                b.subi(b);
            }
            return out;
        }
    }

    @Test
    void tinyFineTuneThenWriteBackGivesTheSameLogitsInOnnxRuntime() throws Exception {
        List<String> texts = List.of(
                "i feel so happy and grateful today", "what a wonderful surprise, i love it",
                "this is the best day of my life", "i am thrilled with the results",
                "great news, we won the game!", "i feel wonderful and calm",
                "i feel awful and hopeless", "this is the worst thing ever",
                "i hate how everything went wrong", "so sad and lonely tonight",
                "i am furious at the delay", "terrible service, never again",
                "the train leaves at nine", "the report is due on monday",
                "we moved the meeting to room 4", "the store opens at ten",
                "it rained a bit in the afternoon", "the package arrived yesterday");
        int[] labels = {2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        TokenizedTexts labelled = tokenize(texts, labels);
        // two more texts carry a valence target and no class (the EmoBank part of the loss)
        long[][] ids = java.util.Arrays.copyOf(labelled.ids(), labelled.size() + 2);
        ids[labelled.size()] = labelled.ids()[0];
        ids[labelled.size() + 1] = labelled.ids()[6];
        int[] withNone = java.util.Arrays.copyOf(labels, labels.length + 2);
        withNone[labels.length] = -1;
        withNone[labels.length + 1] = -1;
        float[] targets = new float[ids.length];
        java.util.Arrays.fill(targets, Float.NaN);
        targets[labels.length] = 0.8f;
        targets[labels.length + 1] = -0.8f;
        TokenizedTexts train = new TokenizedTexts(ids, withNone, targets);
        TunableClassifier model = TunableClassifier.create(Task.SENTIMENT, weights, manager, 8);
        Map<String, float[]> before = model.snapshot();
        Recipe recipe = new Recipe(1, 6, 5e-5f, 1e-3f, 0.1f, 0.01f, 0.1f, 8, false, 2, 128, 1f, 0, Map.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FineTuner.Result result = new FineTuner(manager, new PrintStream(log, true, StandardCharsets.UTF_8))
                .fit(model, train, labelled, recipe);

        assertEquals(1, result.epochs().size());
        assertTrue(Double.isFinite(result.epochs().get(0).trainLoss()));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("sentiment epoch 1"));
        String query = "encoder.layer.3.attention.self.query.weight";
        assertNotEquals(before.get(query)[0], result.best().get(query)[0], "the encoder was trained, not only the head");

        // write back: tuned encoder + head in one graph, run by ONNX Runtime
        ModelProto tuned = TunedGraphWriter.classifier(encoderGraph, model.encoderByInitializer(result.best()),
                model.head(Map.of()), "test");
        assertOnnxRuntimeGivesTheSameLogits(model, tuned);
    }

    /**
     * With adapters the published weights stay, the low-rank factors train, and what is committed (adapters file,
     * applied to the published encoder by the assembler) gives, in ONNX Runtime, DJL's logits.
     */
    @Test
    void tinyAdapterFineTuneLeavesThePublishedWeightsAndMergesIntoTheGraph(@TempDir Path dir)
            throws Exception {
        List<String> texts = List.of("i feel so happy and grateful today", "this is the best day of my life",
                "i feel awful and hopeless", "so sad and lonely tonight", "the train leaves at nine", "the store opens at ten");
        int[] labels = {2, 2, 0, 0, 1, 1};
        TokenizedTexts train = tokenize(texts, labels);
        TunableClassifier model = TunableClassifier.create(Task.SENTIMENT, weights, manager, 8);
        model.encoder().adapt(4, 2f, 4, 8, manager);
        Map<String, float[]> before = model.snapshot();
        Recipe recipe = new Recipe(1, 3, 1e-2f, 1e-3f, 0.1f, 0.01f, 0f, 8, false, 4, 128, 1f, 4, Map.of());
        FineTuner.Result result = new FineTuner(manager, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .fit(model, train, train, recipe);

        String query = "encoder.layer.5.attention.self.query";
        assertEquals(before.get(query + ".weight")[7], result.best().get(query + ".weight")[7], "published weight unchanged");
        assertNotEquals(0f, java.util.Arrays.stream(toDoubles(result.best().get(query + EncoderAdapters.B)))
                .map(Math::abs).sum(), "the update trained");
        assertTrue(!model.parameters().containsKey("encoder.layer.3.attention.self.query" + EncoderAdapters.A),
                "frozen layers get no adapters");

        Path file = dir.resolve("adapters.safetensors");
        model.adapters(Encoder.MINILM_L6, role -> recipe.trains(role) && !role.startsWith(TunableClassifier.HEAD_PREFIX), result.best())
                .write(file);
        Map<String, float[]> committed = EncoderAdapters.read(file).byInitializer(weights);
        Map<String, float[]> merged = model.encoderByInitializer(result.best());
        assertEquals(merged.keySet(), committed.keySet());
        merged.forEach((name, values) -> assertArrayEquals(values, committed.get(name), 1e-6f, name));

        ModelProto graph = TunedGraphWriter.classifier(encoderGraph, committed, model.head(Map.of()), "test");
        assertOnnxRuntimeGivesTheSameLogits(model, graph);
    }

    /**
     * A model started from another model's committed adapters (the emotion model from the sentiment model's) holds that
     * model's encoder before it trains: same merged weights, same hidden states; adapters of another rank are refused.
     */
    @Test
    void aModelStartedFromCommittedAdaptersHoldsTheirEncoder(@TempDir Path dir) throws Exception {
        TokenizedTexts train = tokenize(List.of("i feel so happy today", "i feel awful and hopeless", "the train leaves at nine"),
                new int[]{2, 0, 1});
        Recipe recipe = new Recipe(1, 3, 1e-2f, 1e-3f, 0.1f, 0.01f, 0f, 8, false, 4, 128, 1f, 4, Map.of());
        TunableClassifier source = TunableClassifier.create(Task.SENTIMENT, weights, manager, 8);
        source.encoder().adapt(4, 2f, 4, 8, manager);
        FineTuner.Result trained = new FineTuner(manager, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .fit(source, train, train, recipe);
        Path file = dir.resolve("sentiment.adapters.safetensors");
        source.adapters(Encoder.MINILM_L6, role -> recipe.trains(role) && !role.startsWith(TunableClassifier.HEAD_PREFIX),
                trained.best()).write(file);

        TunableClassifier emotion = TunableClassifier.create(Task.EMOTION, weights, manager, 9);
        emotion.encoder().adapt(4, 2f, 3, 9, manager); // one layer more to tune than the source: it starts as published
        emotion.startFrom(EncoderAdapters.read(file), recipe::trains);
        Map<String, float[]> merged = emotion.encoderByInitializer(emotion.snapshot());
        EncoderAdapters.read(file).byInitializer(weights)
                .forEach((name, values) -> assertArrayEquals(values, merged.get(name), 1e-6f, name));

        TunableClassifier otherRank = TunableClassifier.create(Task.EMOTION, weights, manager, 9);
        otherRank.encoder().adapt(2, 2f, 4, 9, manager);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> otherRank.startFrom(EncoderAdapters.read(file), recipe::trains));

        TunableClassifier frozenMore = TunableClassifier.create(Task.EMOTION, weights, manager, 9);
        frozenMore.encoder().adapt(4, 2f, 4, 9, manager);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> frozenMore.startFrom(EncoderAdapters.read(file), role -> !role.contains("layer.5")),
                "a start tensor the model does not train is refused");
    }

    /** Same recipe, same data, same seed: the same weights to the last bit (dropout and batch order are seeded). */
    @Test
    void twoFineTunesOfTheSameRecipeGiveTheSameWeights() throws Exception {
        List<String> texts = List.of("i feel so happy and grateful today", "this is the best day of my life",
                "i feel awful and hopeless", "so sad and lonely tonight", "the train leaves at nine", "the store opens at ten");
        TokenizedTexts train = tokenize(texts, new int[]{2, 2, 0, 0, 1, 1});
        Recipe recipe = new Recipe(2, 3, 1e-3f, 1e-3f, 0.1f, 0.01f, 0.1f, 8, false, 4, 128, 1f, 4, Map.of());
        Map<String, float[]> first = null;
        for (int run = 0; run < 2; run++) {
            TunableClassifier model = TunableClassifier.create(Task.SENTIMENT, weights, manager, 8);
            model.encoder().adapt(4, 2f, 4, 8, manager);
            Map<String, float[]> best = new FineTuner(manager, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .fit(model, train, train, recipe).best();
            if (first == null) {
                first = best;
            } else {
                for (Map.Entry<String, float[]> e : first.entrySet()) {
                    assertArrayEquals(e.getValue(), best.get(e.getKey()), e.getKey());
                }
            }
        }
    }

    /** The graph, run by ONNX Runtime, gives the model's DJL logits (no dropout) on {@link #TEXTS}. */
    private static void assertOnnxRuntimeGivesTheSameLogits(TunableClassifier model, ModelProto graph) throws Exception {
        Path file = Files.createTempFile("tuned", ".onnx");
        try {
            HeadGraphWriter.write(graph, file);
            TokenizedTexts probe = tokenize(TEXTS, new int[TEXTS.size()]);
            int[] all = {0, 1, 2, 3, 4};
            PaddedBatch padded = PaddedBatch.of(probe.ids(), all);
            float[] djl;
            try (NDManager step = manager.newSubManager()) {
                djl = model.logits(step.create(padded.ids(), new Shape(all.length, padded.width())),
                        step.create(padded.mask(), new Shape(all.length, padded.width())), 0f).toFloatArray();
            }
            float[] ort = runOrt(file.toString(), padded, all.length, "logits");
            for (int i = 0; i < djl.length; i++) {
                assertEquals(djl[i], ort[i], 1e-4, "logit " + i);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static TokenizedTexts tokenize(List<String> texts, int[] labels) throws Exception {
        return TokenizedTexts.of(new LabelledTexts("test", texts, labels), files.tokenizer());
    }

    private static float[] runOrt(String model, PaddedBatch padded, int rows, String output) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {rows, padded.width()};
        long[] mask = new long[padded.mask().length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (long) padded.mask()[i];
        }
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(padded.ids()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[mask.length]), shape));
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(output))) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** Largest difference over real tokens (padded positions are not compared). */
    private static double maxDifference(float[] a, float[] b, PaddedBatch padded, int hidden) {
        double max = 0;
        for (int t = 0; t < padded.mask().length; t++) {
            if (padded.mask()[t] == 0) {
                continue;
            }
            for (int d = 0; d < hidden; d++) {
                max = Math.max(max, Math.abs(a[t * hidden + d] - b[t * hidden + d]));
            }
        }
        return max;
    }
}
