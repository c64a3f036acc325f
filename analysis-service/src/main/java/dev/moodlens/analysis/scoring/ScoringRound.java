package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.analysis.config.BackgroundFailures;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.cache.JsonResultCache;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One round of scoring a page of a user's pending entries:
 * <ol>
 * <li>identical texts are sent once, and texts with a result in the per-text Redis cache not at all
 *     (one MGET per 512 texts);</li>
 * <li>the rest, sorted by length so that each request's texts pad to about the same token count, go to
 *     {@code /v1/classify} in batches with a sliding window of {@code inference-concurrency} requests in
 *     flight: a new request leaves as soon as any answer is back, so the inference service's batcher
 *     always has work queued; a busy answer (503/429 with Retry-After: its queue had no room for the batch)
 *     narrows the window, caps it below the width that met the full queue, and is sent again as soon as an
 *     answer still in flight has made room, or after the wait the service asked for when none is;</li>
 * <li>results are stored every {@value #SAVE_EVERY} entries (one transaction each, which also renews the
 *     scoring lease) while the next requests are in flight;</li>
 * <li>a batch the inference service refuses (4xx) is split in halves until the refused texts are found;
 *     each of those counts a refused attempt for its entries, everything else in the batch is scored.</li>
 * </ol>
 */
final class ScoringRound {

    private static final Logger LOG = Logger.getLogger(ScoringRound.class);
    private static final int SAVE_EVERY = 512;
    private static final int LOOKUP_SLICE = 512;
    /** A backstop only: every call is bounded by the client's @Timeout and @Retry. */
    private static final Duration ANSWER_WAIT = Duration.ofMinutes(5);
    /** Busy answers in a row (each after its Retry-After, the window down to one request) before the round gives up. */
    static final int MAX_BUSY_IN_A_ROW = 30;
    private static final Duration MIN_BUSY_WAIT = Duration.ofMillis(100);
    private static final Duration MAX_BUSY_WAIT = Duration.ofSeconds(10);

    record Outcome(int stored, int failed, Set<UUID> refused, boolean unavailable) {
    }

    private record Answer(List<String> hashes, InferenceOutcome outcome) {
    }

    private final String user;
    private final String modelKey;
    private final ScoreStore store;
    private final InferenceClient inference;
    private final JsonResultCache cache;
    private final AnalysisConfig config;
    private final ScoringClaims claims;
    private final MeterRegistry metrics;
    private final Map<String, List<ScoreStore.PendingText>> byHash = new LinkedHashMap<>();
    private final List<ScoreStore.NewScore> unsaved = new ArrayList<>();
    private final Set<UUID> refused = new HashSet<>();
    private int stored;
    private int failed;
    private boolean unavailable;

    ScoringRound(String user, String modelKey, List<ScoreStore.PendingText> pending, ScoreStore store,
                 InferenceClient inference, JsonResultCache cache, AnalysisConfig config, ScoringClaims claims,
                 MeterRegistry metrics) {
        this.user = user;
        this.modelKey = modelKey;
        this.store = store;
        this.inference = inference;
        this.cache = cache;
        this.config = config;
        this.claims = claims;
        this.metrics = metrics;
        pending.forEach(p -> byHash.computeIfAbsent(p.textHash(), h -> new ArrayList<>()).add(p));
    }

    Outcome run() {
        List<String> toClassify = fromCache();
        toClassify.sort(Comparator.comparingInt((String h) -> text(h).length()).thenComparing(h -> h));
        for (Answer refusal : classifyAll(batches(toClassify))) {
            isolate(refusal.hashes(), refusal.outcome().refusedReason());
        }
        flush();
        return new Outcome(stored, failed, refused, unavailable);
    }

    /** Takes cached results; returns the hashes still to classify. */
    private List<String> fromCache() {
        List<String> hashes = new ArrayList<>(byHash.keySet());
        if (ModelRevisions.UNKNOWN.equals(modelKey) || !cache.available()) {
            return hashes; // while Redis is degraded every lookup would cost a timeout
        }
        List<String> rest = new ArrayList<>();
        for (int from = 0; from < hashes.size(); from += LOOKUP_SLICE) {
            List<String> slice = hashes.subList(from, Math.min(hashes.size(), from + LOOKUP_SLICE));
            Map<String, CachedTextAnalysis> hits = cache.getAll(EntryScorer.NAMESPACE,
                    slice.stream().map(h -> modelKey + ":" + h).toList(), CachedTextAnalysis.class).await().indefinitely();
            for (String hash : slice) {
                CachedTextAnalysis hit = hits.get(modelKey + ":" + hash);
                if (hit == null) {
                    rest.add(hash);
                } else {
                    byHash.get(hash).forEach(p -> unsaved.add(new ScoreStore.NewScore(p.entryId(), hash, hit.analysis(),
                            hit.models())));
                }
            }
        }
        return rest;
    }

    /** Consecutive batches of at most inference-batch-size texts and inference-batch-chars characters. */
    private List<List<String>> batches(List<String> hashes) {
        int max = Math.max(1, config.inferenceBatchSize());
        List<List<String>> batches = new ArrayList<>();
        int from = 0;
        while (from < hashes.size()) {
            long chars = 0;
            int to = from;
            while (to < hashes.size() && to - from < max) {
                chars += text(hashes.get(to)).length();
                if (to > from && chars > config.inferenceBatchChars()) {
                    break;
                }
                to++;
            }
            batches.add(hashes.subList(from, to));
            from = to;
        }
        return batches;
    }

    /**
     * Sends every batch with a sliding window of requests in flight; returns the refused ones. When the
     * inference service says it is busy, the window halves (down to one request) and, for the rest of the round,
     * stays below the width that met the full queue (the texts of that many batches do not fit it: an entry is read
     * as several sentences); each answered batch widens it by one again up to that cap. The busy batch is sent again
     * when the next answer in flight is back (that answer's texts have left the queue); only with nothing in flight
     * does the round wait the service's Retry-After (sleeping while answers were on their way idled the service: a
     * cold 10,000-entry journal took 135 s instead of 90). Only {@value #MAX_BUSY_IN_A_ROW} busy answers in a
     * row end the round early.
     */
    private List<Answer> classifyAll(List<List<String>> batches) {
        List<Answer> refusals = new ArrayList<>();
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        Deque<List<String>> toSend = new ArrayDeque<>(batches);
        int maxWindow = Math.max(1, config.inferenceConcurrency());
        int window = maxWindow;
        int inFlight = 0;
        int busyInARow = 0;
        try {
            while (true) {
                for (; !unavailable && inFlight < window && !toSend.isEmpty(); inFlight++) {
                    send(toSend.poll(), answers);
                }
                if (inFlight == 0) {
                    break;
                }
                Answer answer = answers.poll(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (answer == null) {
                    unavailable = true;
                    break;
                }
                inFlight--;
                InferenceOutcome outcome = answer.outcome();
                if (outcome.isBusy() && !unavailable) {
                    metrics.counter("moodlens.analysis.inference.busy").increment();
                    toSend.addFirst(answer.hashes());
                    maxWindow = Math.max(1, Math.min(maxWindow, inFlight)); // the batches in flight fit; one more did not
                    window = Math.min(maxWindow, Math.max(1, window / 2));
                    if (++busyInARow >= MAX_BUSY_IN_A_ROW) {
                        LOG.infof("Inference busy %d times in a row: the rest of %s's pending entries wait for the next run",
                                busyInARow, user);
                        unavailable = true;
                    } else if (inFlight == 0) {
                        // with answers in flight the capped window sends nothing more: the batch goes again when one is back
                        TimeUnit.MILLISECONDS.sleep(Math.min(MAX_BUSY_WAIT.toMillis(), Math.max(MIN_BUSY_WAIT.toMillis(),
                                outcome.retryAfter().toMillis())));
                    }
                } else if (outcome.isPending()) {
                    if (!unavailable) {
                        LOG.infof("Inference unavailable (%s): the rest of %s's pending entries wait for the next run",
                                outcome.pendingReason(), user);
                    }
                    unavailable = true; // send no more; the answers still in flight are kept
                } else {
                    busyInARow = 0;
                    window = Math.min(maxWindow, window + 1);
                    if (outcome.isRefused()) {
                        refusals.add(answer);
                    } else {
                        accept(answer.hashes(), outcome.response());
                    }
                }
                // refill the window before storing, so that inference keeps working while we write
                for (; !unavailable && inFlight < window && !toSend.isEmpty(); inFlight++) {
                    send(toSend.poll(), answers);
                }
                if (unsaved.size() >= SAVE_EVERY) {
                    flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = true;
        }
        return refusals;
    }

    private void send(List<String> hashes, BlockingQueue<Answer> answers) {
        inference.classify(hashes.stream().map(this::text).toList()).subscribe().with(
                outcome -> answers.add(new Answer(hashes, outcome)),
                failure -> answers.add(new Answer(hashes, InferenceOutcome.pending(String.valueOf(failure)))));
    }

    /** Splits a refused batch until the refused texts are found; scores the others. */
    private void isolate(List<String> hashes, String reason) {
        if (unavailable) {
            return;
        }
        if (hashes.size() == 1) {
            List<ScoreStore.PendingText> entries = byHash.get(hashes.get(0));
            entries.forEach(p -> refused.add(p.entryId()));
            flush();
            failed += store.recordRefusal(user, modelKey, entries, reason);
            LOG.infof("Inference refused an entry text of %s (%s)", user, reason);
            return;
        }
        int middle = hashes.size() / 2;
        for (List<String> half : List.of(hashes.subList(0, middle), hashes.subList(middle, hashes.size()))) {
            InferenceOutcome outcome = inference.classify(half.stream().map(this::text).toList()).await().indefinitely();
            if (outcome.isPending()) {
                unavailable = true;
                return;
            }
            if (outcome.isRefused()) {
                isolate(half, outcome.refusedReason());
            } else {
                accept(half, outcome.response());
            }
        }
    }

    private void accept(List<String> hashes, AnalyzeResponse response) {
        ModelRevisions.Models models = ModelRevisions.Models.of(response);
        for (int i = 0; i < hashes.size(); i++) {
            String hash = hashes.get(i);
            var analysis = response.results().get(i);
            byHash.get(hash).forEach(p -> unsaved.add(new ScoreStore.NewScore(p.entryId(), hash, analysis, models)));
            remember(hash, new CachedTextAnalysis(analysis, models));
        }
    }

    /** Stores what was gathered (one transaction) and renews the lease on the user's scoring. */
    private void flush() {
        if (unsaved.isEmpty()) {
            return;
        }
        if (!claims.tryClaim(user)) {
            LOG.warnf("Scoring lease of %s was taken over (this run outlived moodlens.analysis.scoring-lease)", user);
        }
        stored += store.save(user, unsaved);
        unsaved.clear();
    }

    private void remember(String hash, CachedTextAnalysis value) {
        String key = value.models().key();
        // Fire and forget: the database has the result, Redis only spares future inference.
        cache.put(EntryScorer.NAMESPACE, key + ":" + hash, value, config.inferenceCacheTtl()).subscribe().with(x -> {
        }, failure -> {
            LOG.warnf("Caching a text result of %s failed: %s", user, failure.toString());
            BackgroundFailures.count(metrics, "cache-text-result");
        });
    }

    private String text(String hash) {
        return byHash.get(hash).get(0).text();
    }
}
