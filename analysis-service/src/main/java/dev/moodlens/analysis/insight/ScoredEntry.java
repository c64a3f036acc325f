package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.journal.SentenceMood;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An entry with its scores as the analyses see it. {@code mood} (P(positive) - P(negative)) and the
 * emotion fields are null while the entry is not scored; {@code keySentence} is the sentence that carried
 * its mood most ({@link SentenceMood#key}), null when none did or the entry is not scored.
 */
public record ScoredEntry(String id, Instant instant, ZoneOffset offset, String title, String text, List<String> tags,
                         Double mood, String sentiment, String emotion, Map<String, Double> emotions,
                         SentenceMood keySentence) {

    public ScoredEntry(String id, Instant instant, ZoneOffset offset, String title, String text, List<String> tags,
                       Double mood, String sentiment, String emotion, Map<String, Double> emotions) {
        this(id, instant, offset, title, text, tags, mood, sentiment, emotion, emotions, null);
    }

    public boolean scored() {
        return mood != null;
    }

    /** The writer's local date-time. */
    public LocalDateTime local() {
        return LocalDateTime.ofInstant(instant, offset);
    }

    /** The writer's calendar day. */
    public LocalDate day() {
        return local().toLocalDate();
    }

    public String writtenAt() {
        return OffsetDateTime.ofInstant(instant, offset).toString();
    }

    public double emotion(String label) {
        return emotions == null ? 0 : emotions.getOrDefault(label, 0.0);
    }
}
