package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.common.cache.JsonResultCache;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Scores a user's pending entries (see {@link ScoringRound}). Blocking; call it from a worker thread.
 * One scoring run per user at a time, across replicas: a run holds the user's lease
 * ({@link ScoringClaims}); a reader waits for another replica's run, the background job skips it.
 */
@ApplicationScoped
public class EntryScorer {

    private static final Logger LOG = Logger.getLogger(EntryScorer.class);
    static final String NAMESPACE = "inference";
    /** Pending entries read per round: bounded memory, and each round's texts are sorted by length together. */
    private static final int PAGE = 4096;
    private static final long WAIT_POLL_MILLIS = 200;

    /** What a scoring run did: entries scored, whether inference was unavailable, entries newly marked failed. */
    public record Report(int scored, boolean inferenceUnavailable, int failed) {
    }

    private final ScoreStore store;
    private final InferenceClient inference;
    private final ModelRevisions models;
    private final JsonResultCache cache;
    private final AnalysisConfig config;
    private final ScoringClaims claims;
    private final MeterRegistry metrics;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    EntryScorer(ScoreStore store, InferenceClient inference, ModelRevisions models, JsonResultCache cache,
                AnalysisConfig config, ScoringClaims claims, MeterRegistry metrics) {
        this.store = store;
        this.inference = inference;
        this.models = models;
        this.cache = cache;
        this.config = config;
        this.claims = claims;
        this.metrics = metrics;
    }

    /** Scores what is pending; if another replica is scoring this user, waits for it (bounded by the lease). */
    public Report scorePending(String user) {
        ReentrantLock lock = locks.computeIfAbsent(user, u -> new ReentrantLock());
        lock.lock();
        try {
            long deadline = System.nanoTime() + config.scoringLease().toNanos();
            while (!claims.tryClaim(user)) {
                if (store.countPending(user, models.key()) == 0 || System.nanoTime() > deadline) {
                    return new Report(0, false, 0);
                }
                TimeUnit.MILLISECONDS.sleep(WAIT_POLL_MILLIS);
            }
            return scoreClaimed(user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report(0, false, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Scores what is pending unless this user is being scored already (here or by another replica): then null. */
    public Report scorePendingIfFree(String user) {
        ReentrantLock lock = locks.computeIfAbsent(user, u -> new ReentrantLock());
        if (!lock.tryLock()) {
            return null;
        }
        try {
            return claims.tryClaim(user) ? scoreClaimed(user) : null;
        } finally {
            lock.unlock();
        }
    }

    private Report scoreClaimed(String user) {
        try {
            return score(user);
        } finally {
            claims.release(user);
        }
    }

    private Report score(String user) {
        int scored = 0;
        int failed = 0;
        // Refused once in this run: tried again in a later run (up to max-scoring-attempts), not in a loop now.
        Set<UUID> refused = new HashSet<>();
        for (int round = 0; round < 10_000; round++) {
            String key = models.key();
            List<ScoreStore.PendingText> pending = store.pending(user, key, PAGE + refused.size()).stream()
                    .filter(p -> !refused.contains(p.entryId())).limit(PAGE).toList();
            if (pending.isEmpty()) {
                break;
            }
            ScoringRound.Outcome outcome = new ScoringRound(user, key, pending, store, inference, cache, config, claims, metrics).run();
            scored += outcome.stored();
            failed += outcome.failed();
            refused.addAll(outcome.refused());
            if (outcome.unavailable()) {
                LOG.debugf("Inference unavailable: entries of %s stay pending", user);
                return new Report(scored, true, failed);
            }
            if (outcome.stored() == 0 && outcome.refused().isEmpty() && key.equals(models.key())) {
                break; // nothing could be stored (entries edited meanwhile): do not spin, the next run retries
            }
        }
        return new Report(scored, false, failed);
    }
}
