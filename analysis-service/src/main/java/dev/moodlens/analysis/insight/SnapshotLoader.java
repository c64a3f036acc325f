package dev.moodlens.analysis.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.analysis.journal.JournalStore;
import dev.moodlens.analysis.journal.SentenceMood;
import dev.moodlens.analysis.scoring.ModelRevisions;
import dev.moodlens.analysis.scoring.ScoreStore;
import dev.moodlens.common.api.ModelStamp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Loads a user's whole journal with its scores in one streamed query (no N+1) into a {@link JournalSnapshot}.
 * Each entry uses its result from the current models, else its newest result from older ones (and
 * then counts as pending until it is rescored).
 */
@ApplicationScoped
public class SnapshotLoader {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {
    };

    /** A snapshot with the identity of what it reflects, for the cache key. */
    public record Loaded(JournalSnapshot snapshot, JournalStore.Revision revision, String modelKey) {
    }

    private final EntityManager em;
    private final JournalStore journal;
    private final ModelRevisions models;
    private final ObjectMapper json;
    private final ScoreStore scores;

    SnapshotLoader(EntityManager em, JournalStore journal, ModelRevisions models, ObjectMapper json, ScoreStore scores) {
        this.em = em;
        this.journal = journal;
        this.models = models;
        this.json = json;
        this.scores = scores;
    }

    @Transactional
    public Loaded load(String user) {
        String modelKey = models.key();
        JournalStore.Revision revision = journal.revision(user);
        // Streamed (a cursor of 1,000 rows at a time inside this transaction), not a list of every row: a
        // journal at the quota has 100,000 entries, and each row's result JSON (scores and sentences) is read
        // into the few fields the analyses use as the row passes, then dropped (review finding 2).
        Set<ModelStamp> used = new LinkedHashSet<>();
        List<ScoredEntry> entries = new ArrayList<>();
        int pending = 0;
        try (Stream<Object[]> rows = em.createQuery("select e.id, e.writtenAt, e.utcOffsetSeconds, e.title, e.body, e.tags, "
                        + "s.modelKey, s.sentimentModel, s.sentimentRevision, s.emotionModel, s.emotionRevision, s.sentiment, "
                        + "s.sentimentLabel, s.emotionLabel, s.emotionScores, s.scoredAt, s.sentences "
                        + "from JournalEntry e left join EntryScore s on s.entryId = e.id where e.userId = :u "
                        + "order by e.writtenAt, e.id", Object[].class)
                .setParameter("u", user).setHint("org.hibernate.readOnly", true).setHint("org.hibernate.fetchSize", 1000)
                .getResultStream()) {
            Iterator<Object[]> it = rows.iterator();
            Object[] next = it.hasNext() ? it.next() : null;
            while (next != null) {
                Object[] first = next;
                UUID id = (UUID) first[0];
                Object[] best = null;
                boolean current = false;
                for (; next != null && next[0].equals(id); next = it.hasNext() ? it.next() : null) {
                    Object[] r = next;
                    if (r[6] == null) {
                        continue;
                    }
                    boolean isCurrent = modelKey.equals(r[6]);
                    if (best == null || (isCurrent && !current)
                            || (isCurrent == current && ((Instant) r[15]).isAfter((Instant) best[15]))) {
                        best = r;
                        current = isCurrent;
                    }
                }
                if (!current) {
                    pending++;
                }
                if (best != null) {
                    used.add(new ModelStamp((String) best[7], (String) best[8]));
                    used.add(new ModelStamp((String) best[9], (String) best[10]));
                }
                entries.add(new ScoredEntry(id.toString(), (Instant) first[1], ZoneOffset.ofTotalSeconds((Integer) first[2]),
                        (String) first[3], (String) first[4], read((String) first[5], STRINGS, List.of()),
                        best == null ? null : (Double) best[11], best == null ? null : (String) best[12],
                        best == null ? null : (String) best[13], best == null ? null : read((String) best[14], SCORES, Map.of()),
                        best == null ? null : SentenceMood.key(journal.sentences((String) best[16]))));
            }
        }
        // Entries refused by the inference service have no current result either, but they are not pending.
        int failed = (int) scores.countFailed(user, modelKey);
        JournalSnapshot snapshot = new JournalSnapshot(user, revision.revision(), entries, pending - failed, failed,
                List.copyOf(used), Instant.now());
        return new Loaded(snapshot, revision, modelKey);
    }

    private <T> T read(String text, TypeReference<T> type, T fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Objects.requireNonNullElse(json.readValue(text, type), fallback);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }
}
