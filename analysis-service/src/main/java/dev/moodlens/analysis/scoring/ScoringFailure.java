package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.journal.EntryScore;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The inference service refused an entry's text (4xx) under a model key; failed once attempts reach the limit. */
@Entity
@Table(name = "entry_scoring_failure")
@IdClass(EntryScore.Key.class) // the same (entry, model) key as the score it stands in for
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
}
