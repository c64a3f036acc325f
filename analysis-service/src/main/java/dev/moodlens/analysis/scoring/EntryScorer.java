package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.cache.JsonResultCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Scores a user's pending entries: first from the per-text Redis cache, then by the inference service
 * in batches (identical texts are sent once). Blocking; call it from a worker thread. One scoring run
 * per user at a time: a second caller waits and then finds nothing left to do.
 */
@ApplicationScoped
public class EntryScorer {

    private static final Logger LOG = Logger.getLogger(EntryScorer.class);
    static final String NAMESPACE = "inference";
    private static final int CHUNK = 512;
    private static final int LOOKUPS_IN_FLIGHT = 64;

    /** What a scoring run did. */
    public record Report(int scored, boolean inferenceUnavailable) {
    }

    @Inject
    ScoreStore store;
    @Inject
    InferenceClient inference;
    @Inject
    ModelRevisions models;
    @Inject
    JsonResultCache cache;
    @Inject
    AnalysisConfig config;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public Report scorePending(String user) {
        ReentrantLock lock = locks.computeIfAbsent(user, u -> new ReentrantLock());
        lock.lock();
        try {
            return score(user);
        } finally {
            lock.unlock();
        }
    }

    private Report score(String user) {
        int total = 0;
        for (int round = 0; round < 100_000; round++) {
            String key = models.key();
            List<ScoreStore.PendingText> pending = store.pending(user, key, CHUNK);
            if (pending.isEmpty()) {
                return new Report(total, false);
            }
            Map<String, List<ScoreStore.PendingText>> byHash = new LinkedHashMap<>();
            pending.forEach(p -> byHash.computeIfAbsent(p.textHash(), h -> new ArrayList<>()).add(p));

            List<ScoreStore.NewScore> results = new ArrayList<>();
            Map<String, CachedTextAnalysis> cached = lookUp(key, byHash.keySet());
            cached.forEach((hash, hit) -> byHash.remove(hash).forEach(p -> results.add(
                    new ScoreStore.NewScore(p.entryId(), hash, hit.analysis(), hit.sentimentModel(), hit.emotionModel()))));

            boolean unavailable = false;
            List<String> hashes = new ArrayList<>(byHash.keySet());
            List<List<String>> batches = new ArrayList<>();
            for (int from = 0; from < hashes.size(); ) {
                int to = batchEnd(hashes, byHash, from);
                batches.add(hashes.subList(from, to));
                from = to;
            }
            // A few calls in flight: the inference service batches across requests, and our JSON and
            // network time overlaps its model time.
            int inFlight = Math.max(1, config.inferenceConcurrency());
            for (int b = 0; b < batches.size() && !unavailable; b += inFlight) {
                List<List<String>> group = batches.subList(b, Math.min(batches.size(), b + inFlight));
                List<InferenceOutcome> outcomes = Uni.join().all(group.stream()
                                .map(slice -> inference.classify(slice.stream().map(h -> byHash.get(h).get(0).text()).toList()))
                                .toList())
                        .andCollectFailures().await().indefinitely();
                for (int g = 0; g < group.size(); g++) {
                    InferenceOutcome outcome = outcomes.get(g);
                    if (outcome.isPending()) {
                        unavailable = true;
                        continue;
                    }
                    List<String> slice = group.get(g);
                    AnalyzeResponse response = outcome.response();
                    for (int i = 0; i < slice.size(); i++) {
                        String hash = slice.get(i);
                        TextAnalysis analysis = response.results().get(i);
                        byHash.get(hash).forEach(p -> results.add(new ScoreStore.NewScore(p.entryId(), hash, analysis,
                                response.sentimentModel(), response.emotionModel())));
                        remember(hash, new CachedTextAnalysis(analysis, response.sentimentModel(), response.emotionModel()));
                    }
                }
            }
            int stored = store.save(user, results);
            total += stored;
            if (unavailable) {
                LOG.debugf("Inference unavailable: %d entries of %s stay pending", byHash.size(), user);
                return new Report(total, true);
            }
            if (stored == 0 && key.equals(models.key())) {
                // Nothing could be stored (entries edited meanwhile): do not spin, the next run retries.
                return new Report(total, false);
            }
        }
        return new Report(total, false);
    }

    /** End (exclusive) of the batch starting at {@code from}: at most batch-size texts and batch-chars characters. */
    private int batchEnd(List<String> hashes, Map<String, List<ScoreStore.PendingText>> byHash, int from) {
        int max = Math.max(1, config.inferenceBatchSize());
        long chars = 0;
        int to = from;
        while (to < hashes.size() && to - from < max) {
            chars += byHash.get(hashes.get(to)).get(0).text().length();
            if (to > from && chars > config.inferenceBatchChars()) {
                break;
            }
            to++;
        }
        return to;
    }

    /** Cached results for the given text hashes; skipped while Redis is degraded (it costs a timeout per call). */
    private Map<String, CachedTextAnalysis> lookUp(String modelKey, Iterable<String> hashes) {
        Map<String, CachedTextAnalysis> hits = new HashMap<>();
        if (ModelRevisions.UNKNOWN.equals(modelKey) || !cache.available()) {
            return hits;
        }
        List<String> keys = new ArrayList<>();
        hashes.forEach(keys::add);
        // A bounded number of requests in flight at once keeps the Redis pool from refusing them.
        for (int from = 0; from < keys.size(); from += LOOKUPS_IN_FLIGHT) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + LOOKUPS_IN_FLIGHT));
            List<Uni<CachedTextAnalysis>> gets = slice.stream()
                    .map(h -> cache.get(NAMESPACE, modelKey + ":" + h, CachedTextAnalysis.class)).toList();
            List<CachedTextAnalysis> values = Uni.join().all(gets).andCollectFailures()
                    .onFailure().recoverWithItem(List.of()).await().atMost(Duration.ofSeconds(30));
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    hits.put(slice.get(i), values.get(i));
                }
            }
            if (!cache.available()) {
                break;
            }
        }
        return hits;
    }

    private void remember(String hash, CachedTextAnalysis value) {
        String modelKey = new ModelRevisions.Models(value.sentimentModel(), value.emotionModel()).key();
        // Fire and forget: the database already has the result, Redis only spares future inference.
        cache.put(NAMESPACE, modelKey + ":" + hash, value, config.inferenceCacheTtl()).subscribe().with(x -> {
        }, failure -> {
        });
    }
}
