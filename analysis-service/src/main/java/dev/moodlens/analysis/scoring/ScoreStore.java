package dev.moodlens.analysis.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.analysis.journal.EntryScore;
import dev.moodlens.analysis.journal.JournalStore;
import dev.moodlens.analysis.journal.SentenceMood;
import dev.moodlens.common.api.SentenceAnalysis;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.api.TextAnalysis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads pending entries and stores their scores (with a revision bump, so cached analyses move on). */
@ApplicationScoped
public class ScoreStore {

    /** An entry that has no result from the current models. */
    public record PendingText(UUID entryId, String text, String textHash) {
    }

    /** A result to store for an entry, valid only while the entry still has the text it was computed for. */
    public record NewScore(UUID entryId, String textHash, TextAnalysis analysis, ModelRevisions.Models models) {
    }

    /**
     * NOT IN rather than NOT EXISTS: PostgreSQL plans it as a hashed subplan, linear even before the
     * statistics know about a fresh bulk import (an anti-join on stale statistics took seconds).
     */
    private static final String NOT_SCORED = " e.id not in (select s.entryId from EntryScore s where s.modelKey = :k)";
    /** Entries the inference service refused max-scoring-attempts times (for their current text) are failed, not pending. */
    private static final String NOT_FAILED = " and not exists (select 1 from ScoringFailure f where f.entryId = e.id"
            + " and f.modelKey = :k and f.textHash = e.textHash and f.attempts >= :max)";

    private final EntityManager em;
    private final ObjectMapper json;
    private final JournalStore journal;
    private final AnalysisConfig config;

    ScoreStore(EntityManager em, ObjectMapper json, JournalStore journal, AnalysisConfig config) {
        this.em = em;
        this.json = json;
        this.journal = journal;
        this.config = config;
    }

    @Transactional
    public List<PendingText> pending(String user, String modelKey, int limit) {
        return em.createQuery("select e.id, e.body, e.textHash from JournalEntry e where e.userId = :u and" + NOT_SCORED
                        + NOT_FAILED + " order by e.writtenAt, e.id", Object[].class)
                .setParameter("u", user).setParameter("k", modelKey).setParameter("max", maxAttempts()).setMaxResults(limit).getResultList().stream()
                .map(r -> new PendingText((UUID) r[0], (String) r[1], (String) r[2])).toList();
    }

    @Transactional
    public long countPending(String user, String modelKey) {
        return em.createQuery("select count(e) from JournalEntry e where e.userId = :u and" + NOT_SCORED + NOT_FAILED, Long.class)
                .setParameter("u", user).setParameter("k", modelKey).setParameter("max", maxAttempts()).getSingleResult();
    }

    @Transactional
    public List<String> usersWithPending(String modelKey, int limit) {
        return em.createQuery("select distinct e.userId from JournalEntry e where" + NOT_SCORED + NOT_FAILED, String.class)
                .setParameter("k", modelKey).setParameter("max", maxAttempts()).setMaxResults(limit).getResultList();
    }

    /**
     * Stores results for entries that still exist with the same text and have none from these models;
     * bumps the user's revision once. Returns how many were stored.
     */
    @Transactional
    public int save(String user, List<NewScore> scores) {
        if (scores.isEmpty()) {
            return 0;
        }
        List<UUID> ids = scores.stream().map(NewScore::entryId).distinct().toList();
        Map<UUID, String> hashes = new HashMap<>();
        em.createQuery("select e.id, e.textHash from JournalEntry e where e.userId = :u and e.id in :ids", Object[].class)
                .setParameter("u", user).setParameter("ids", ids).getResultList()
                .forEach(r -> hashes.put((UUID) r[0], (String) r[1]));
        Set<String> existing = new HashSet<>();
        em.createQuery("select s.entryId, s.modelKey from EntryScore s where s.entryId in :ids", Object[].class)
                .setParameter("ids", ids).getResultList().forEach(r -> existing.add(r[0] + " " + r[1]));
        Instant now = Instant.now();
        int stored = 0;
        for (NewScore score : scores) {
            String modelKey = score.models().key();
            if (!score.textHash().equals(hashes.get(score.entryId())) || !existing.add(score.entryId() + " " + modelKey)) {
                continue; // deleted, edited meanwhile, or already scored by these revisions
            }
            em.persist(entity(score, modelKey, now));
            stored++;
        }
        if (stored > 0) {
            journal.bump(user, now);
        }
        return stored;
    }

    /**
     * Counts one refused attempt for each entry (while it still has the refused text); an entry that reaches
     * max-scoring-attempts is failed, which bumps the revision (the analyses now count it as failed, not pending).
     * Returns how many entries became failed.
     */
    @Transactional
    public int recordRefusal(String user, String modelKey, List<PendingText> refused, String reason) {
        if (refused.isEmpty()) {
            return 0;
        }
        Map<UUID, String> hashes = new HashMap<>();
        em.createQuery("select e.id, e.textHash from JournalEntry e where e.userId = :u and e.id in :ids", Object[].class)
                .setParameter("u", user).setParameter("ids", refused.stream().map(PendingText::entryId).toList())
                .getResultList().forEach(r -> hashes.put((UUID) r[0], (String) r[1]));
        Instant now = Instant.now();
        String why = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
        int failed = 0;
        for (PendingText p : refused) {
            if (!p.textHash().equals(hashes.get(p.entryId()))) {
                continue; // deleted or edited meanwhile: the new text gets its own chance
            }
            ScoringFailure f = em.find(ScoringFailure.class, new EntryScore.Key(p.entryId(), modelKey));
            boolean first = f == null;
            if (first) {
                f = new ScoringFailure();
                f.entryId = p.entryId();
                f.modelKey = modelKey;
            }
            f.attempts = p.textHash().equals(f.textHash) ? f.attempts + 1 : 1;
            f.textHash = p.textHash();
            f.reason = why;
            f.lastAttemptAt = now;
            if (first) {
                em.persist(f); // after the fields are set: the insert takes the state at persist time
            }
            if (f.attempts == maxAttempts()) {
                failed++;
            }
        }
        if (failed > 0) {
            journal.bump(user, now);
        }
        return failed;
    }

    /** Entries of the user whose scoring failed for good under these models (with their current text). */
    @Transactional
    public long countFailed(String user, String modelKey) {
        return em.createQuery("select count(f) from ScoringFailure f, JournalEntry e where f.entryId = e.id and e.userId = :u"
                        + " and f.modelKey = :k and f.textHash = e.textHash and f.attempts >= :max and" + NOT_SCORED, Long.class)
                .setParameter("u", user).setParameter("k", modelKey).setParameter("max", maxAttempts()).getSingleResult();
    }

    private int maxAttempts() {
        return Math.max(1, config.maxScoringAttempts());
    }

    private EntryScore entity(NewScore score, String modelKey, Instant now) {
        Classification sentiment = score.analysis().sentiment();
        Classification emotion = score.analysis().emotion();
        EntryScore s = new EntryScore();
        s.entryId = score.entryId();
        s.modelKey = modelKey;
        s.sentimentModel = score.models().sentiment().id();
        s.sentimentRevision = score.models().sentiment().revision();
        s.emotionModel = score.models().emotion().id();
        s.emotionRevision = score.models().emotion().revision();
        s.sentimentLabel = sentiment.label();
        s.sentiment = Mood.of(sentiment);
        s.sentimentScores = write(sentiment.scores());
        s.emotionLabel = emotion.label();
        s.emotionScores = write(emotion.scores());
        s.truncated = sentiment.truncated() || emotion.truncated();
        s.sentences = write(sentences(score.analysis(), s.sentiment));
        s.scoredAt = now;
        return s;
    }

    /** The sentences of a result read sentence by sentence (none for a whole-text result), marked by {@link SentenceMood#mark}. */
    static List<SentenceMood> sentences(TextAnalysis analysis, double entryMood) {
        if (analysis.sentences() == null) {
            return List.of();
        }
        List<SentenceMood> sentences = new ArrayList<>(analysis.sentences().size());
        for (SentenceAnalysis s : analysis.sentences()) {
            sentences.add(new SentenceMood(s.start(), s.end(), Mood.round(s.weight()), s.sentiment().label(), Mood.of(s.sentiment()),
                    s.emotion().label(), Mood.round(s.emotion().score()), false));
        }
        return SentenceMood.mark(sentences, entryMood);
    }

    private String write(Object scores) {
        try {
            return json.writeValueAsString(scores == null ? Map.of() : scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
