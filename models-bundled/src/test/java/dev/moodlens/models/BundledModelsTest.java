package dev.moodlens.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The models the build assembled, loaded as the inference service loads them. */
class BundledModelsTest {

    private static final List<String> SENTENCES = List.of("I am so happy today", "I feel terrible and alone");

    private static Path dir(Task task) {
        return TestPaths.bundled().resolve(task.modelName());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void layoutIsTheHuggingFaceOne(Task task) throws Exception {
        Path dir = dir(task);
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                "README.md", "onnx/model.onnx", "onnx/model_quantized.onnx")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " missing in " + dir);
        }
        JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        for (int i = 0; i < task.labels().size(); i++) {
            assertEquals(task.labels().get(i), config.path("id2label").path(Integer.toString(i)).asText());
            assertEquals(i, config.path("label2id").path(task.labels().get(i)).asInt());
        }
        assertEquals(task.labels(), ModelDirectory.open(dir).labels());
        assertEquals(256, ModelDirectory.open(dir).maxLength());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void graphsTakeTheEncoderInputsAndGiveLogits(Task task) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String file : List.of("onnx/model.onnx", "onnx/model_quantized.onnx")) {
            try (OrtSession session = env.createSession(dir(task).resolve(file).toString())) {
                assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), session.getInputNames());
                assertEquals(Set.of("logits"), session.getOutputNames());
                Map<String, NodeInfo> outputs = session.getOutputInfo();
                TensorInfo logits = (TensorInfo) outputs.get("logits").getInfo();
                assertEquals(2, logits.getShape().length);
                assertEquals(task.labels().size(), logits.getShape()[1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void obviousSentences(Precision precision) {
        assertEquals(List.of("positive", "negative"), labels(Task.SENTIMENT, precision));
        assertEquals(List.of("joy", "sadness"), labels(Task.EMOTION, precision));
    }

    @Test
    void quantizedModelIsAnotherFileThatAgreesOnObviousSentences() throws Exception {
        for (Task task : Task.values()) {
            Path dir = dir(task);
            assertTrue(Files.size(dir.resolve("onnx/model_quantized.onnx")) < Files.size(dir.resolve("onnx/model.onnx")) / 2);
            assertEquals(labels(task, Precision.FP32), labels(task, Precision.INT8));
        }
    }

    @Test
    void batchesDoNotChangeAnswers() {
        try (SequenceClassifier c = SequenceClassifier.open(ModelDirectory.open(dir(Task.EMOTION)), Precision.FP32, 1)) {
            List<Prediction> together = c.classify(SENTENCES);
            for (int i = 0; i < SENTENCES.size(); i++) {
                float[] alone = c.classify(List.of(SENTENCES.get(i))).get(0).probabilities();
                assertArrayEquals(alone, together.get(i).probabilities(), 1e-5f);
            }
        }
    }

    private static List<String> labels(Task task, Precision precision) {
        try (SequenceClassifier c = SequenceClassifier.open(ModelDirectory.open(dir(task)), precision, 1)) {
            return c.classify(SENTENCES).stream().map(p -> c.labels().get(p.best())).toList();
        }
    }
}
