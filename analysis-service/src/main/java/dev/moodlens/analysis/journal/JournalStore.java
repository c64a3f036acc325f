package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The journal in PostgreSQL: every write bumps the user's revision in the same transaction, which is
 * what keys (and so invalidates) the cached analyses. Reads never load entries one by one.
 */
@ApplicationScoped
public class JournalStore {

    private static final int FLUSH_EVERY = 500;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };
    private static final TypeReference<List<SentenceMood>> SENTENCES = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper json;
    private final CurrentModels models;
    private final JournalQuota quota;

    JournalStore(EntityManager em, ObjectMapper json, CurrentModels models, JournalQuota quota) {
        this.em = em;
        this.json = json;
        this.models = models;
        this.quota = quota;
    }

    /** The user's revision and cache token; 404 when the user has no journal. */
    public record Revision(String user, long revision, String cacheToken) {
    }

    @Transactional
    public Revision revision(String user) {
        List<Object[]> rows = em.createQuery("select u.revision, u.cacheToken from JournalUser u where u.id = :id",
                Object[].class).setParameter("id", user).getResultList();
        if (rows.isEmpty()) {
            throw unknownUser(user);
        }
        return new Revision(user, (Long) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    @Transactional
    public EntryView create(String user, EntryDraft draft) {
        Instant now = Instant.now();
        ensureUser(user, now);
        quota.charge(user, 1, JournalQuota.bytes(draft.text()));
        JournalEntry entry = new JournalEntry();
        entry.id = UUID.randomUUID();
        entry.userId = user;
        entry.createdAt = now;
        apply(entry, draft, now);
        em.persist(entry);
        bump(user, now);
        return view(entry, List.of());
    }

    @Transactional
    public EntryView get(String user, UUID id) {
        JournalEntry entry = find(user, id);
        return view(entry, scoresOf(List.of(entry.id)).getOrDefault(entry.id, List.of()));
    }

    @Transactional
    public EntryView update(String user, UUID id, EntryDraft draft) {
        JournalEntry entry = find(user, id);
        String oldHash = entry.textHash;
        Instant now = Instant.now();
        quota.charge(user, 0, JournalQuota.bytes(draft.text()) - JournalQuota.bytes(entry.body));
        apply(entry, draft, now);
        if (!oldHash.equals(entry.textHash)) {
            // New words, new scores: the old ones described a text that no longer exists.
            em.createQuery("delete from EntryScore s where s.entryId = :id").setParameter("id", id).executeUpdate();
        }
        bump(user, now);
        return view(entry, scoresOf(List.of(entry.id)).getOrDefault(entry.id, List.of()));
    }

    @Transactional
    public void delete(String user, UUID id) {
        JournalEntry entry = find(user, id);
        quota.charge(user, -1, -JournalQuota.bytes(entry.body));
        em.createQuery("delete from EntryScore s where s.entryId = :id").setParameter("id", id).executeUpdate();
        em.remove(entry);
        bump(user, Instant.now());
    }

    /** Entries matching the filter (EntryFilter), newest first unless {@code ascending}. */
    @Transactional
    public EntryPage list(String user, EntryFilter filter, int page, int size, boolean ascending) {
        revision(user);
        StringBuilder where = new StringBuilder(" where e.userId = :u and e.writtenAt >= :from and e.writtenAt < :to");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("u", user);
        parameters.put("from", filter.from() == null ? Instant.EPOCH.minusSeconds(100L * 365 * 86400) : filter.from());
        parameters.put("to", filter.to() == null ? Instant.now().plusSeconds(400L * 86400) : filter.to());
        if (filter.text() != null) {
            where.append(" and (lower(e.body) like :text escape '\\' or lower(coalesce(e.title, '')) like :text escape '\\')");
            parameters.put("text", EntryFilter.contains(filter.text()));
        }
        if (filter.tag() != null) {
            // tags is the JSON array as text: the tag as a JSON string, quotes included, matches whole tags only.
            where.append(" and lower(e.tags) like :tag escape '\\'");
            parameters.put("tag", EntryFilter.contains(jsonString(filter.tag())));
        }
        if (filter.pendingOnly()) {
            where.append(" and not exists (select 1 from EntryScore s where s.entryId = e.id and s.modelKey = :model)");
            parameters.put("model", models.key());
        }
        TypedQuery<Long> count = em.createQuery("select count(e) from JournalEntry e" + where, Long.class);
        TypedQuery<JournalEntry> select = em.createQuery("select e from JournalEntry e" + where + " order by e.writtenAt "
                + (ascending ? "asc" : "desc") + ", e.id", JournalEntry.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        long total = count.getSingleResult();
        List<JournalEntry> entries = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<UUID, List<EntryScore>> scores = scoresOf(entries.stream().map(e -> e.id).toList());
        return new EntryPage(entries.stream().map(e -> view(e, scores.getOrDefault(e.id, List.of()))).toList(), total);
    }

    /** Stores every draft or none (one transaction); creates the user when needed. */
    @Transactional
    public ImportResult importAll(String user, List<EntryDraft> drafts, String format) {
        Instant now = Instant.now();
        ensureUser(user, now);
        // The whole import is charged before anything is written: past the quota, nothing of it is stored.
        quota.charge(user, drafts.size(), drafts.stream().mapToLong(d -> JournalQuota.bytes(d.text())).sum());
        int count = 0;
        for (EntryDraft draft : drafts) {
            JournalEntry entry = new JournalEntry();
            entry.id = UUID.randomUUID();
            entry.userId = user;
            entry.createdAt = now;
            apply(entry, draft, now);
            em.persist(entry);
            if (++count % FLUSH_EVERY == 0) {
                em.flush();
                em.clear();
            }
        }
        bump(user, now);
        em.flush();
        return new ImportResult(user, count, format, revision(user).revision());
    }

    /** A page of the export and where the next one starts (null after the last page). */
    public record ExportPage(List<ExportLine> lines, ExportCursor next) {
    }

    /** The position after an entry in export order (writtenAt, then id). */
    public record ExportCursor(Instant writtenAt, UUID id) {
    }

    /**
     * Up to {@code size} entries of the user after {@code after} (null: from the first), oldest first, each with all
     * its stored results. Keyset paging, one short transaction per page: an export of any size holds one page in
     * memory and no database connection while the client reads.
     */
    @Transactional
    public ExportPage exportPage(String user, ExportCursor after, int size) {
        TypedQuery<JournalEntry> query = em.createQuery("select e from JournalEntry e where e.userId = :u"
                        + (after == null ? "" : " and (e.writtenAt > :w or (e.writtenAt = :w and e.id > :id))")
                        + " order by e.writtenAt, e.id", JournalEntry.class)
                .setParameter("u", user).setMaxResults(size).setHint("org.hibernate.readOnly", true);
        if (after != null) {
            query.setParameter("w", after.writtenAt()).setParameter("id", after.id());
        }
        List<JournalEntry> entries = query.getResultList();
        Map<UUID, List<EntryScore>> scores = scoresOf(entries.stream().map(e -> e.id).toList());
        List<ExportLine> lines = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            EntryView v = view(e, List.of());
            lines.add(new ExportLine(v.id(), v.text(), v.writtenAt(), v.title(), v.tags(), v.createdAt(), v.updatedAt(),
                    scores.getOrDefault(e.id, List.of()).stream().sorted(Comparator.comparing(s -> s.scoredAt))
                            .map(this::scores).toList()));
        }
        JournalEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        return new ExportPage(lines, entries.size() < size ? null : new ExportCursor(last.writtenAt, last.id));
    }

    /** Bumps the revision (for writes that are not entry edits, such as newly stored scores). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(String user, Instant now) {
        em.createQuery("update JournalUser u set u.revision = u.revision + 1, u.updatedAt = :now where u.id = :id")
                .setParameter("now", now).setParameter("id", user).executeUpdate();
    }

    private String jsonString(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> tags(JournalEntry entry) {
        if (entry.tags == null) {
            return List.of();
        }
        try {
            return json.readValue(entry.tags, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** The stored sentences of a result (empty for results from before sentence reading). */
    public List<SentenceMood> sentences(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, SENTENCES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    public Map<String, Double> scoreMap(String text) {
        try {
            return json.readValue(text, SCORES);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    public EntryView.Scores scores(EntryScore s) {
        return new EntryView.Scores(new ModelStamp(s.sentimentModel, s.sentimentRevision),
                new ModelStamp(s.emotionModel, s.emotionRevision), s.sentimentLabel, s.sentiment,
                scoreMap(s.sentimentScores), s.emotionLabel, scoreMap(s.emotionScores), s.truncated,
                s.scoredAt.toString(), sentences(s.sentences));
    }

    private EntryView view(JournalEntry e, List<EntryScore> scores) {
        String current = models.key();
        EntryScore latest = scores.stream().max(Comparator.comparing((EntryScore s) -> s.modelKey.equals(current))
                .thenComparing(s -> s.scoredAt)).orElse(null);
        boolean pending = scores.stream().noneMatch(s -> s.modelKey.equals(current));
        return new EntryView(e.id.toString(), e.body, e.writtenAtLocal().toString(), e.title, tags(e),
                e.createdAt.toString(), e.updatedAt.toString(), pending, latest == null ? null : scores(latest));
    }

    private Map<UUID, List<EntryScore>> scoresOf(Collection<UUID> ids) {
        Map<UUID, List<EntryScore>> byEntry = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byEntry;
        }
        em.createQuery("select s from EntryScore s where s.entryId in :ids", EntryScore.class)
                .setParameter("ids", ids).getResultList()
                .forEach(s -> byEntry.computeIfAbsent(s.entryId, k -> new ArrayList<>()).add(s));
        return byEntry;
    }

    private void apply(JournalEntry entry, EntryDraft draft, Instant now) {
        entry.writtenAt = draft.writtenAt().toInstant();
        entry.utcOffsetSeconds = draft.writtenAt().getOffset().getTotalSeconds();
        entry.title = draft.title();
        entry.body = draft.text();
        entry.textHash = TextFingerprint.of(draft.text());
        try {
            entry.tags = draft.tags() == null || draft.tags().isEmpty() ? null : json.writeValueAsString(draft.tags());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entry.updatedAt = now;
    }

    private JournalEntry find(String user, UUID id) {
        revision(user);
        JournalEntry entry = em.find(JournalEntry.class, id);
        if (entry == null || !entry.userId.equals(user)) {
            throw ProblemException.notFound("user '" + user + "' has no entry " + id);
        }
        return entry;
    }

    private void ensureUser(String user, Instant now) {
        // Portable "insert if absent" (PostgreSQL and H2); the first write for a user creates it.
        em.createNativeQuery("insert into {h-schema}journal_user (id, revision, cache_token, created_at, updated_at) "
                        + "select ?1, 0, ?2, ?3, ?3 where not exists (select 1 from {h-schema}journal_user where id = ?1)")
                .setParameter(1, user).setParameter(2, UUID.randomUUID().toString()).setParameter(3, now)
                .executeUpdate();
    }

    static ProblemException unknownUser(String user) {
        return ProblemException.notFound("there is no journal for user '" + user + "'");
    }
}
