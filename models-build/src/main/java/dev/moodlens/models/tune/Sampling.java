package dev.moodlens.models.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Fixed-seed draws of training texts, so that every run on every machine trains on the same texts in the same order. */
final class Sampling {

    private Sampling() {
    }

    /** About {@code n} indexes with each class in its proportion, drawn with the seed (labels below 0 never drawn). */
    static int[] stratified(int[] labels, int n, int classes, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        int counted = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                byClass.get(labels[i]).add(i);
                counted++;
            }
        }
        Random random = new Random(seed);
        List<Integer> picked = new ArrayList<>();
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            int take = (int) Math.round((double) members.size() * n / Math.max(1, counted));
            picked.addAll(members.subList(0, Math.min(take, members.size())));
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The indexes a source contributes to epoch {@code epoch} (1-based): {@code perEpoch} consecutive items of
     * one fixed-seed permutation of its {@code size} texts, continuing where the previous epoch stopped and
     * wrapping around, so that epochs see different texts of a large source and a small one repeats
     * ({@code perEpoch} 0 = every text once).
     */
    static int[] forEpoch(int size, int perEpoch, int epoch, long seed) {
        int take = perEpoch <= 0 ? size : perEpoch;
        List<Integer> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] out = new int[take];
        long start = (long) (epoch - 1) * take;
        for (int i = 0; i < take; i++) {
            out[i] = order.get((int) ((start + i) % size));
        }
        return out;
    }
}
