package dev.moodlens.models.train;

/**
 * Frozen-encoder features of a list of texts: the masked mean of the last hidden state, and the
 * wordpiece ids the text was tokenized to (special tokens included, as the graph sees them).
 */
public record Features(float[][] pooled, long[][] ids) {

    public int size() {
        return pooled.length;
    }

    public Features concat(Features other) {
        float[][] p = new float[size() + other.size()][];
        long[][] i = new long[p.length][];
        System.arraycopy(pooled, 0, p, 0, size());
        System.arraycopy(other.pooled, 0, p, size(), other.size());
        System.arraycopy(ids, 0, i, 0, size());
        System.arraycopy(other.ids, 0, i, size(), other.size());
        return new Features(p, i);
    }
}
