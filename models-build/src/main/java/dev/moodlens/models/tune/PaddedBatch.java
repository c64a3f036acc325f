package dev.moodlens.models.tune;

/** Texts of one batch padded to its longest: ids (0 = [PAD]) and mask (1 token, 0 padding), row-major. */
record PaddedBatch(long[] ids, float[] mask, int width) {

    static PaddedBatch of(long[][] all, int[] batch) {
        int width = 0;
        for (int i : batch) {
            width = Math.max(width, all[i].length);
        }
        long[] ids = new long[batch.length * width];
        float[] mask = new float[batch.length * width];
        for (int r = 0; r < batch.length; r++) {
            long[] t = all[batch[r]];
            System.arraycopy(t, 0, ids, r * width, t.length);
            java.util.Arrays.fill(mask, r * width, r * width + t.length, 1f);
        }
        return new PaddedBatch(ids, mask, width);
    }
}
