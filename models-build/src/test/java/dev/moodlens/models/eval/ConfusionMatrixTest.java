package dev.moodlens.models.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfusionMatrixTest {

    @Test
    void scoresFromCounts() {
        // truth a a a b b c ; predicted a a b b c c
        ConfusionMatrix m = ConfusionMatrix.of(List.of("a", "b", "c"),
                new int[]{0, 0, 0, 1, 1, 2}, new int[]{0, 0, 1, 1, 2, 2});
        assertEquals(100.0 * 4 / 6, m.accuracy(), 1e-9);
        assertEquals(100.0 * (2.0 / 3 + 1.0 / 2 + 1.0) / 3, m.macroRecall(), 1e-9);
        double f1a = 2 * 1.0 * (2.0 / 3) / (1.0 + 2.0 / 3);
        double f1b = 0.5;
        double f1c = 2 * 0.5 * 1.0 / 1.5;
        assertEquals(100.0 * (f1a + f1b + f1c) / 3, m.macroF1(), 1e-9);
    }
}
