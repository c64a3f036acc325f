package dev.moodlens.analysis.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One journal entry. */
@Entity
@Table(name = "journal_entry")
public class JournalEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "written_at")
    public Instant writtenAt;

    /** The writer's UTC offset, so days and hours are the writer's own. */
    @Column(name = "utc_offset_seconds")
    public int utcOffsetSeconds;

    public String title;

    public String body;

    /** JSON array of strings, or null. */
    public String tags;

    /** SHA-256 of the normalized text. */
    @Column(name = "text_hash")
    public String textHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public OffsetDateTime writtenAtLocal() {
        return writtenAt.atOffset(ZoneOffset.ofTotalSeconds(utcOffsetSeconds));
    }
}
