package dev.moodlens.analysis.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.analysis.config.BackgroundFailures;
import dev.moodlens.analysis.journal.JournalChanged;
import dev.moodlens.analysis.journal.JournalStore;
import dev.moodlens.analysis.journal.TextFingerprint;
import dev.moodlens.common.access.UserIds;
import dev.moodlens.analysis.scoring.EntryScorer;
import dev.moodlens.analysis.scoring.ModelRevisions;
import dev.moodlens.common.cache.JsonResultCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Function;

/**
 * Serves the analyses through the Redis cache. A cache key is user + cache token + journal revision +
 * model key, so a cached analysis is exact: any write or newly stored score bumps the revision, any new
 * model revision changes the model key, and the old key is simply never asked for again (writes also
 * delete it). On a miss, pending entries are scored first (when the inference service answers), then
 * the analysis is computed in memory from one query. Blocking: call from a worker thread. The journal
 * context for chat is served the same way, by the context package above this one ({@link #serve}).
 */
@ApplicationScoped
public class AnalysisService {

    /** An analysis as JSON text and whether it came from the cache. */
    public record Result(String json, boolean cached) {
    }

    /**
     * What Redis holds for an analysis: its JSON text in a record. A hit is then written to the client
     * as it is, without turning it into objects and back (the warm path must stay within milliseconds
     * for journals of 10,000 entries).
     */
    // Written to and read from Redis by Jackson, outside REST: registered for a native executable.
    @RegisterForReflection(registerFullHierarchy = true)
    public record CachedAnalysis(String kind, String json) {
    }

    /** The cached kinds; each is a namespace of its own (CONTEXT is computed by the context package). */
    public enum Kind {
        COMPREHENSIVE("analysis-comprehensive"), PERSONALITY("analysis-personality"),
        PREDICTIVE("analysis-predictive"), CONTEXT("context");

        final String namespace;

        Kind(String namespace) {
            this.namespace = namespace;
        }
    }

    private static final Logger LOG = Logger.getLogger(AnalysisService.class);

    private final JournalStore journal;
    private final SnapshotLoader loader;
    private final EntryScorer scorer;
    private final ModelRevisions models;
    private final JsonResultCache cache;
    private final AnalysisConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;

    private final ComprehensiveAnalyzer comprehensive = new ComprehensiveAnalyzer();
    private final PersonalityAnalyzer personality = new PersonalityAnalyzer();
    private final PredictiveAnalyzer predictive = new PredictiveAnalyzer();

    AnalysisService(JournalStore journal, SnapshotLoader loader, EntryScorer scorer, ModelRevisions models,
                    JsonResultCache cache, AnalysisConfig config, ObjectMapper mapper, MeterRegistry metrics) {
        this.journal = journal;
        this.loader = loader;
        this.scorer = scorer;
        this.models = models;
        this.cache = cache;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public Result comprehensive(String user) {
        return serve(user, Kind.COMPREHENSIVE, comprehensive::analyze);
    }

    public Result personality(String user) {
        return serve(user, Kind.PERSONALITY, personality::analyze);
    }

    public Result predictive(String user) {
        return serve(user, Kind.PREDICTIVE, predictive::analyze);
    }

    /**
     * A committed write: the cached results of the revision before it are deleted. Observed before the scoring
     * (lower priority value), as the write used to call it first: a scoring run stored meanwhile bumps the revision.
     */
    void onJournalChanged(@Observes @Priority(Interceptor.Priority.APPLICATION) JournalChanged change) {
        forgetPrevious(change.user());
    }

    /** Deletes the cached analyses of the revision before the current one (called after a write). */
    void forgetPrevious(String user) {
        JournalStore.Revision now = journal.revision(user);
        JournalStore.Revision before = new JournalStore.Revision(user, now.revision() - 1, now.cacheToken());
        String key = key(before, models.key());
        for (Kind kind : Kind.values()) {
            // Not waited for: the key is exact, so a stale one is never read again and its TTL bounds it.
            cache.invalidate(kind.namespace, key).subscribe().with(x -> {
            }, failure -> {
                LOG.warnf("Deleting the cached %s of %s failed: %s", kind.namespace, user, failure.toString());
                BackgroundFailures.count(metrics, "invalidate-analysis");
            });
        }
    }

    /**
     * The {@code kind} of the user's journal from the cache, or else computed by {@code compute} from a fresh
     * snapshot (pending entries scored first when score-on-read is on) and cached.
     */
    public <T extends Record> Result serve(String user, Kind kind, Function<JournalSnapshot, T> compute) {
        UserIds.require("user id", user);
        String key = key(journal.revision(user), models.key());
        CachedAnalysis hit = cache.get(kind.namespace, key, CachedAnalysis.class).await().indefinitely();
        if (hit != null) {
            return new Result(hit.json(), true);
        }
        LOG.debugf("%s of %s not cached under %s: computing", kind, user, key);
        if (config.scoreOnRead()) {
            scorer.scorePending(user);
        }
        SnapshotLoader.Loaded loaded = loader.load(user);
        String json;
        try {
            json = mapper.writeValueAsString(compute.apply(loaded.snapshot()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("analyses are plain records", e);
        }
        LOG.debugf("%s of %s cached under %s", kind, user, key(loaded.revision(), loaded.modelKey()));
        cache.put(kind.namespace, key(loaded.revision(), loaded.modelKey()), new CachedAnalysis(kind.name(), json),
                config.analysisTtl()).await().indefinitely();
        return new Result(json, false);
    }

    static String key(JournalStore.Revision revision, String modelKey) {
        return String.join(":", List.of(revision.user(), revision.cacheToken(), Long.toString(revision.revision()),
                TextFingerprint.of(modelKey).substring(0, 16)));
    }
}
