package dev.moodlens.analysis.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The inference result of one entry by one pair of model revisions. */
@Entity
@Table(name = "entry_score")
@IdClass(EntryScore.Key.class)
public class EntryScore extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    /** sentiment id@revision|emotion id@revision */
    @Id
    @Column(name = "model_key")
    public String modelKey;

    @Column(name = "sentiment_model")
    public String sentimentModel;
    @Column(name = "sentiment_revision")
    public String sentimentRevision;
    @Column(name = "emotion_model")
    public String emotionModel;
    @Column(name = "emotion_revision")
    public String emotionRevision;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    /** P(positive) - P(negative), in [-1, 1]. */
    public double sentiment;

    /** JSON object label -> probability. */
    @Column(name = "sentiment_scores")
    public String sentimentScores;

    @Column(name = "emotion_label")
    public String emotionLabel;

    /** JSON object label -> probability. */
    @Column(name = "emotion_scores")
    public String emotionScores;

    public boolean truncated;

    /** JSON array of {@link SentenceMood}; null for results from before sentence reading. */
    public String sentences;

    @Column(name = "scored_at")
    public Instant scoredAt;

    /** Composite primary key. */
    public static class Key implements Serializable {
        public UUID entryId;
        public String modelKey;

        public Key() {
        }

        public Key(UUID entryId, String modelKey) {
            this.entryId = entryId;
            this.modelKey = modelKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(entryId, k.entryId) && Objects.equals(modelKey, k.modelKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, modelKey);
        }
    }
}
