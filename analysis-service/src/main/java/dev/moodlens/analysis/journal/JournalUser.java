package dev.moodlens.analysis.journal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A journal owner; created by the first entry or import written for them. */
@Entity
@Table(name = "journal_user")
public class JournalUser extends PanacheEntityBase {

    @Id
    public String id;

    /** Bumped with every change to the user's entries or scores; part of every analysis cache key. */
    public long revision;

    /** Random per user row, so cache keys of a recreated database never collide with old ones. */
    @Column(name = "cache_token")
    public String cacheToken;

    /** Entries of the journal and bytes (UTF-8) of their texts, for the quota ({@link JournalQuota}). */
    @Column(name = "entry_count")
    public long entryCount;

    @Column(name = "text_bytes")
    public long textBytes;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
