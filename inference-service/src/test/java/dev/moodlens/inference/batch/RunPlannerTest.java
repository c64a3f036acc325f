package dev.moodlens.inference.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlannerTest {

    @Test
    void textsOfOneLengthShareRunsUpToTheRowLimit() {
        int[] widths = new int[10];
        java.util.Arrays.fill(widths, 20);
        assertArrayEquals(new int[]{4, 8, 10}, new RunPlanner(4, 10_000, 32).plan(widths));
    }

    @Test
    void aLongTextIsNotPaddedOntoShortOnes() {
        // together: 32 + 4 x 100 = 432 padded-token units; apart: 32 + 3 x 10 + 32 + 100 = 194
        assertArrayEquals(new int[]{3, 4}, new RunPlanner(32, 10_000, 32).plan(new int[]{10, 10, 10, 100}));
    }

    @Test
    void smallLengthDifferencesAreCheaperThanAnotherRun() {
        // together: 32 + 4 x 13 = 84; any split costs another 32 to save at most 9
        assertArrayEquals(new int[]{4}, new RunPlanner(32, 10_000, 32).plan(new int[]{10, 11, 12, 13}));
    }

    @Test
    void withoutOverheadEveryTextRunsAtItsOwnWidth() {
        assertArrayEquals(new int[]{1, 2, 3}, new RunPlanner(32, 10_000, 0).plan(new int[]{5, 6, 7}));
    }

    @Test
    void paddedTokensStayWithinTheBoundExceptForASingleLongText() {
        int[] widths = {10, 20, 30, 40, 50, 200};
        int[] ends = new RunPlanner(32, 100, 1_000).plan(widths);
        int from = 0;
        for (int end : ends) {
            int rows = end - from;
            assertTrue(rows == 1 || rows * widths[end - 1] <= 100, "run " + from + ".." + end);
            from = end;
        }
        assertEquals(widths.length, ends[ends.length - 1]);
    }

    @Test
    void emptyInputPlansNothing() {
        assertEquals(0, new RunPlanner(32, 8192, 32).plan(new int[0]).length);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RunPlanner(0, 8192, 32));
        assertThrows(IllegalArgumentException.class, () -> new RunPlanner(32, 8192, -1));
    }
}
