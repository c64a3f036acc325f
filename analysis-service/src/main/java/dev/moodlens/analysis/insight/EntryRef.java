package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.journal.SentenceMood;

/**
 * Evidence: an entry behind a finding, with a short excerpt and why it was picked. {@code quote} is the
 * sentence that carried the entry's mood most, with its offsets [quoteStart, quoteEnd) into the entry text
 * (all three null when no sentence did, e.g. a neutral entry).
 */
public record EntryRef(String id, String writtenAt, String excerpt, Double mood, String emotion, String why,
                       String quote, Integer quoteStart, Integer quoteEnd) {

    static final int EXCERPT = 160;
    /** A quote longer than this (one run-on sentence) is cut at a word like the excerpt. */
    static final int QUOTE = 300;

    public static EntryRef of(ScoredEntry e, String why) {
        boolean quotable = quotable(e);
        return new EntryRef(e.id(), e.writtenAt(), excerpt(e.text()), round(e.mood()), e.emotion(), why, quoteOf(e),
                quotable ? e.keySentence().start() : null, quotable ? e.keySentence().end() : null);
    }

    /** The sentence that carried the entry's mood most, cut like an excerpt; null when none did. */
    public static String quoteOf(ScoredEntry e) {
        return quotable(e) ? cut(e.text().substring(e.keySentence().start(), e.keySentence().end()), QUOTE) : null;
    }

    private static boolean quotable(ScoredEntry e) {
        SentenceMood key = e.keySentence();
        return key != null && key.start() >= 0 && key.end() <= e.text().length() && key.start() < key.end();
    }

    static String excerpt(String text) {
        return cut(text, EXCERPT);
    }

    private static String cut(String text, int max) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max);
        return flat.substring(0, cut > max / 2 ? cut : max) + "\u2026";
    }

    static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
