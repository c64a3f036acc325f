package dev.moodlens.models.tune;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleWeightsTest {

    /** Ten texts of two classes, labelled 0 (first five) and 1. */
    private static final List<TrainingPlan.Validation> VALIDATIONS = List.of(new TrainingPlan.Validation(
            TrainingTexts.labelled("v", Collections.nCopies(10, "text"), new int[]{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}),
            TrainingPlan.Metric.MACRO_RECALL, 1));

    @Test
    void theBetterMemberWeighsMoreAndTheMixNeverScoresBelowEvenWeights() {
        float[][] right = new float[10][];
        float[][] halfWrong = new float[10][];
        for (int i = 0; i < 10; i++) {
            int label = i < 5 ? 0 : 1;
            right[i] = label == 0 ? new float[]{0.6f, 0.4f} : new float[]{0.4f, 0.6f};
            // confidently wrong on the first three of each class, so an even mean gets those wrong too
            boolean wrong = i % 5 < 3;
            halfWrong[i] = (label == 0) != wrong ? new float[]{0.95f, 0.05f} : new float[]{0.05f, 0.95f};
        }
        EnsembleWeights.Choice choice = EnsembleWeights.choose(VALIDATIONS, new float[][][][]{{right}, {halfWrong}});

        assertEquals(100, choice.memberScores()[0], 1e-9);
        assertEquals(40, choice.memberScores()[1], 1e-9);
        assertEquals(40, choice.evenScore(), 1e-9);
        assertEquals(100, choice.score(), 1e-9);
        assertTrue(choice.weights()[0] > 0.5f, "weights " + choice.weights()[0] + ", " + choice.weights()[1]);
        assertEquals(1f, choice.weights()[0] + choice.weights()[1], 1e-6);
    }

    @Test
    void membersThatAgreeKeepEvenWeights() {
        float[][] p = new float[10][];
        for (int i = 0; i < 10; i++) {
            p[i] = i < 5 ? new float[]{0.7f, 0.3f} : new float[]{0.2f, 0.8f};
        }
        EnsembleWeights.Choice choice = EnsembleWeights.choose(VALIDATIONS, new float[][][][]{{p}, {p}});

        assertArrayEquals(new float[]{0.5f, 0.5f}, choice.weights(), 1e-6f);
        assertEquals(choice.evenScore(), choice.score(), 1e-9);
    }

    @Test
    void theGridGivesEveryMemberAtLeastOneStepAndSumsToOne() {
        assertEquals(EnsembleWeights.STEPS - 1, EnsembleWeights.grid(2).size());
        for (int n = 2; n <= 3; n++) {
            for (float[] w : EnsembleWeights.grid(n)) {
                float sum = 0;
                for (float x : w) {
                    assertTrue(x >= 1f / EnsembleWeights.STEPS - 1e-6f);
                    sum += x;
                }
                assertEquals(1f, sum, 1e-5f);
            }
        }
    }
}
