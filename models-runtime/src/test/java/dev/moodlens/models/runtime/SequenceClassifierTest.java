package dev.moodlens.models.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceClassifierTest {

    static final List<String> TEXTS = List.of("I love this great movie", "the day was awful and sad", "it is the movie",
            "good", "this was a bad bad day but the movie was fine", "ok fine", "happy happy happy day");

    @TempDir
    Path dir;

    SequenceClassifier open(Precision precision) {
        return SequenceClassifier.open(ModelDirectory.open(TinyModel.write(dir, 0f, 16)), precision, 1);
    }

    @Test
    void probabilitiesSumToOneInLabelOrder() {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            assertEquals(List.of("negative", "neutral", "positive"), classifier.labels());
            for (Prediction p : classifier.classify(TEXTS)) {
                double sum = 0;
                for (float v : p.probabilities()) {
                    assertTrue(v >= 0 && v <= 1);
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-6);
            }
            List<Prediction> out = classifier.classify(List.of("I love this great movie", "awful sad day"));
            assertEquals(2, out.get(0).best());
            assertEquals(0, out.get(1).best());
        }
    }

    @Test
    void batchedAndAloneAgreeAndRepeatsAreIdentical() {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            List<Prediction> batch = classifier.classify(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                Prediction alone = classifier.classify(List.of(TEXTS.get(i))).get(0);
                assertArrayEquals(alone.probabilities(), batch.get(i).probabilities(), 1e-6f);
            }
            List<Prediction> again = classifier.classify(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(batch.get(i).probabilities(), again.get(i).probabilities());
            }
        }
    }

    @Test
    void int8PathRunsEachTextAloneSoBatchMatesNeverMatter() {
        // the tiny model has no quantized file: INT8 falls back to model.onnx but keeps the one-by-one path
        try (SequenceClassifier classifier = open(Precision.INT8)) {
            List<Prediction> batch = classifier.classify(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(classifier.classify(List.of(TEXTS.get(i))).get(0).probabilities(),
                        batch.get(i).probabilities());
            }
        }
    }

    @Test
    void truncatesAtTheModelsMaxLengthAndSaysSo() {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            TokenizedText long_ = classifier.tokenize("good ".repeat(50));
            assertTrue(long_.truncated());
            assertEquals(16, long_.length());
            assertFalse(classifier.tokenize("good day").truncated());
            assertTrue(classifier.classify(List.of("good ".repeat(50))).get(0).truncated());
        }
    }

    @Test
    void windowsReadALongTextWholeWithOverlap() {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            List<TokenizedText> windows = classifier.tokenizeWindows("good ".repeat(30) + "bad ".repeat(20));
            assertTrue(windows.size() >= 4, "50 tokens in windows of 16 overlapping by 4: " + windows.size());
            windows.forEach(w -> assertTrue(w.length() <= 16 && !w.truncated()));
            long bad = windows.get(windows.size() - 1).ids()[windows.get(windows.size() - 1).length() - 1];
            assertEquals(classifier.tokenize("bad").ids()[0], bad, "the last window ends with the text's last word");
            assertEquals(List.of(classifier.tokenize("good day")).get(0).length(),
                    classifier.tokenizeWindows("good day").get(0).length());
            assertEquals(1, classifier.tokenizeWindows("good day").size());
        }
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            List<Prediction> expected = classifier.classify(TEXTS);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Prediction>>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                runs.add(pool.submit(() -> classifier.classify(TEXTS)));
            }
            for (Future<List<Prediction>> run : runs) {
                List<Prediction> got = run.get();
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertArrayEquals(expected.get(i).probabilities(), got.get(i).probabilities());
                }
            }
            pool.shutdown();
        }
    }

    @Test
    void emptyBatchIsEmpty() {
        try (SequenceClassifier classifier = open(Precision.FP32)) {
            assertTrue(classifier.predict(List.of()).isEmpty());
        }
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        float[] p = SequenceClassifier.softmax(new float[]{1000f, 999f, -1000f});
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-6);
        assertTrue(p[0] > p[1] && p[2] == 0f);
    }

    @Test
    void modelDirectoryReadsLabelsAndLimits() throws Exception {
        Path model = TinyModel.write(dir, 0f, 16);
        ModelDirectory directory = ModelDirectory.open(model);
        assertEquals(16, directory.maxLength());
        assertEquals(model.resolve("onnx/model.onnx"), directory.onnx(Precision.INT8), "no quantized file: fp32");

        // "no limit" sentinels fall back to the encoder's positions (RoBERTa keeps two for padding)
        Files.writeString(model.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
        Files.writeString(model.resolve("config.json"), "{\"model_type\":\"roberta\",\"max_position_embeddings\":514,"
                + "\"id2label\":{\"0\":\"NEGATIVE\",\"1\":\"Positive\"}}");
        ModelDirectory roberta = ModelDirectory.open(model);
        assertEquals(512, roberta.maxLength());
        assertEquals(List.of("negative", "positive"), roberta.labels());

        Files.writeString(model.resolve("config.json"), "{\"id2label\":{\"0\":\"a\",\"2\":\"b\"}}");
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.open(model));
        Files.writeString(model.resolve("config.json"), "{}");
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.open(model));
        Files.writeString(model.resolve("config.json"), "{\"id2label\":{\"0\":\"a\"}}");
        Files.delete(model.resolve("onnx/model.onnx"));
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.open(model));
    }
}
