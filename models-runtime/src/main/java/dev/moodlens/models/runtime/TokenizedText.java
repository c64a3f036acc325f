package dev.moodlens.models.runtime;

/** One text as the model sees it, unpadded; {@code truncated} when it was cut at the model's max length. */
public record TokenizedText(long[] ids, long[] typeIds, boolean truncated) {

    public int length() {
        return ids.length;
    }
}
