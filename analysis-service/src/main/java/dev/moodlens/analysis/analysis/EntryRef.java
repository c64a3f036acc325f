package dev.moodlens.analysis.analysis;

/** Evidence: an entry behind a finding, with a short excerpt and why it was picked. */
public record EntryRef(String id, String writtenAt, String excerpt, Double mood, String emotion, String why) {

    static final int EXCERPT = 160;

    public static EntryRef of(ScoredEntry e, String why) {
        return new EntryRef(e.id(), e.writtenAt(), excerpt(e.text()), round(e.mood()), e.emotion(), why);
    }

    static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', EXCERPT);
        return flat.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT) + "\u2026";
    }

    static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
