package dev.moodlens.analysis.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * One sentence of a scored entry: UTF-16 offsets [start, end) into the entry text, its weight in the
 * entry's aggregate (weights of an entry sum to 1), its sentiment label and mood (P(positive) - P(negative)),
 * its top emotion with probability, and whether it carried the entry's mood ({@link #mark}).
 */
public record SentenceMood(int start, int end, double weight, String sentiment, double mood, String emotion,
                           double emotionScore, boolean carriesMood) {

    /** A sentence's mood must lean at least this far the entry's way to count as carrying it. */
    static final double LEAN = 0.1;

    /**
     * The rule, written once: a sentence carries the entry's mood when its own mood leans the same way
     * (same sign, at least {@value #LEAN}) and it weighs at least an equal share (1/n) of the aggregate.
     * With a neutral entry (|mood| < {@value #LEAN}) no sentence carries it.
     */
    public static List<SentenceMood> mark(List<SentenceMood> sentences, double entryMood) {
        List<SentenceMood> marked = new ArrayList<>(sentences.size());
        double share = sentences.isEmpty() ? 0 : 1.0 / sentences.size();
        for (SentenceMood s : sentences) {
            boolean carries = Math.abs(entryMood) >= LEAN && Math.signum(s.mood) == Math.signum(entryMood)
                    && Math.abs(s.mood) >= LEAN && s.weight >= share - 1e-4; // weights are kept to 4 decimals
            marked.add(new SentenceMood(s.start, s.end, s.weight, s.sentiment, s.mood, s.emotion, s.emotionScore, carries));
        }
        return marked;
    }

    /** The sentence that carried the mood most (weight x |mood| among the carriers), or null when none did. */
    public static SentenceMood key(List<SentenceMood> sentences) {
        SentenceMood best = null;
        for (SentenceMood s : sentences) {
            if (s.carriesMood && (best == null || s.weight * Math.abs(s.mood) > best.weight * Math.abs(best.mood))) {
                best = s;
            }
        }
        return best;
    }
}
