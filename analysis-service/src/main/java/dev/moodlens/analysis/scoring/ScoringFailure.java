package dev.moodlens.analysis.scoring;

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

/** The inference service refused an entry's text (4xx) under a model key; failed once attempts reach the limit. */
@Entity
@Table(name = "entry_scoring_failure")
@IdClass(ScoringFailure.Key.class)
public class ScoringFailure extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public UUID entryId;

    @Id
    @Column(name = "model_key")
    public String modelKey;

    /** The text the refusal was about: an edited entry is tried afresh. */
    @Column(name = "text_hash")
    public String textHash;

    public int attempts;

    public String reason;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

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
