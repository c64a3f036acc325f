package dev.moodlens.analysis.journal;

import dev.moodlens.reading.ReadingRule;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;

/**
 * One sentence of a scored entry: UTF-16 offsets [start, end) into the entry text, its weight in the
 * entry's aggregate (weights of an entry sum to 1), its sentiment label and mood (P(positive) - P(negative)),
 * its top emotion with probability, and whether it carried the entry's mood ({@link #mark}).
 */
// Stored as a JSON column by Jackson (JournalStore): registered for a native executable, where an unregistered record
// has no properties and the stored sentences would read back empty.
@RegisterForReflection(registerFullHierarchy = true)
public record SentenceMood(int start, int end, double weight, String sentiment, double mood, String emotion,
                           double emotionScore, boolean carriesMood) {

    /** The sentences marked by the suite's one rule of who carried an entry's mood ({@link ReadingRule#carriers}). */
    public static List<SentenceMood> mark(List<SentenceMood> sentences, double entryMood) {
        double[] weights = new double[sentences.size()];
        double[] moods = new double[sentences.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = sentences.get(i).weight;
            moods[i] = sentences.get(i).mood;
        }
        boolean[] carries = ReadingRule.carriers(weights, moods, entryMood);
        List<SentenceMood> marked = new ArrayList<>(sentences.size());
        for (int i = 0; i < weights.length; i++) {
            SentenceMood s = sentences.get(i);
            marked.add(new SentenceMood(s.start, s.end, s.weight, s.sentiment, s.mood, s.emotion, s.emotionScore, carries[i]));
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
