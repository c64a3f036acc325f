package dev.moodlens.inference.testing;

import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TinyModelTest {

    @TempDir
    Path dir;

    @Test
    void classifiesLikeASentimentModel() {
        ModelDirectory model = ModelDirectory.open(TinyModel.write(dir, 0f, 16));
        assertEquals(TinyModel.LABELS, model.labels());
        assertEquals(16, model.maxLength());
        try (SequenceClassifier classifier = SequenceClassifier.open(model, Precision.FP32, 1)) {
            List<String> texts = List.of("I love this great movie", "the day was awful and sad", "it is the movie");
            List<Prediction> batch = classifier.classify(texts);
            assertEquals(2, batch.get(0).best());
            assertEquals(0, batch.get(1).best());
            assertEquals(1, batch.get(2).best());
            for (int i = 0; i < texts.size(); i++) {
                Prediction alone = classifier.classify(List.of(texts.get(i))).get(0);
                assertArrayEquals(alone.probabilities(), batch.get(i).probabilities(), 1e-6f);
            }
            assertTrue(classifier.tokenize("good ".repeat(40)).truncated());
        }
    }
}
