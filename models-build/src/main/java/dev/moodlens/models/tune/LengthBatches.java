package dev.moodlens.models.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Batches of texts of similar length (little padding, so much less compute), sorted by length with
 * ties by position; training shuffles the order of the batches with a seed per epoch.
 */
public final class LengthBatches {

    private LengthBatches() {
    }

    public static List<int[]> of(long[][] ids, int batchSize) {
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> ids[i].length).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
        }
        return batches;
    }

    public static List<int[]> shuffled(long[][] ids, int batchSize, long seed) {
        List<int[]> batches = of(ids, batchSize);
        Collections.shuffle(batches, new Random(seed));
        return batches;
    }
}
