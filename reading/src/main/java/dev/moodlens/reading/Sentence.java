package dev.moodlens.reading;

/**
 * One sentence of a text: its UTF-16 character offsets [start, end) into the text (as Java and
 * JavaScript index strings) and how many words it has (runs of letters or digits), which weighs it.
 */
public record Sentence(int start, int end, int words) {

    public Sentence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad sentence span " + start + ".." + end);
        }
    }

    public String of(String text) {
        return text.substring(start, end);
    }
}
