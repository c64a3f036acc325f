package dev.moodlens.analysis.analysis;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.analysis.context.JournalContextBuilder;
import dev.moodlens.analysis.journal.JournalStore;
import dev.moodlens.analysis.journal.TextFingerprint;
import dev.moodlens.analysis.journal.UserIds;
import dev.moodlens.analysis.scoring.EntryScorer;
import dev.moodlens.analysis.scoring.ModelRevisions;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.cache.JsonResultCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Function;

/**
 * Serves the analyses through the Redis cache. A cache key is user + cache token + journal revision +
 * model key, so a cached analysis is exact: any write or newly stored score bumps the revision, any new
 * model revision changes the model key, and the old key is simply never asked for again (writes also
 * delete it). On a miss, pending entries are scored first (when the inference service answers), then
 * the analysis is computed in memory from one query. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class AnalysisService {

    /** An analysis and whether it came from the cache. */
    public record Result<T>(T value, boolean cached) {
    }

    /** The cached kinds; each is a namespace of its own. */
    public enum Kind {
        COMPREHENSIVE("analysis-comprehensive"), PERSONALITY("analysis-personality"),
        PREDICTIVE("analysis-predictive"), CONTEXT("context");

        final String namespace;

        Kind(String namespace) {
            this.namespace = namespace;
        }
    }

    @Inject
    JournalStore journal;
    @Inject
    SnapshotLoader loader;
    @Inject
    EntryScorer scorer;
    @Inject
    ModelRevisions models;
    @Inject
    JsonResultCache cache;
    @Inject
    AnalysisConfig config;

    private final ComprehensiveAnalyzer comprehensive = new ComprehensiveAnalyzer();
    private final PersonalityAnalyzer personality = new PersonalityAnalyzer();
    private final PredictiveAnalyzer predictive = new PredictiveAnalyzer();
    private final JournalContextBuilder context = new JournalContextBuilder();

    public Result<ComprehensiveAnalysis> comprehensive(String user) {
        return serve(user, Kind.COMPREHENSIVE, ComprehensiveAnalysis.class, comprehensive::analyze);
    }

    public Result<PersonalityProfile> personality(String user) {
        return serve(user, Kind.PERSONALITY, PersonalityProfile.class, personality::analyze);
    }

    public Result<PredictiveAnalysis> predictive(String user) {
        return serve(user, Kind.PREDICTIVE, PredictiveAnalysis.class, predictive::analyze);
    }

    public Result<JournalContext> context(String user) {
        return serve(user, Kind.CONTEXT, JournalContext.class, context::build);
    }

    /** Deletes the cached analyses of the revision before the current one (called after a write). */
    public void forgetPrevious(String user) {
        JournalStore.Revision now = journal.revision(user);
        JournalStore.Revision before = new JournalStore.Revision(user, now.revision() - 1, now.cacheToken());
        String key = key(before, models.key());
        for (Kind kind : Kind.values()) {
            cache.invalidate(kind.namespace, key).subscribe().with(x -> {
            }, failure -> {
            });
        }
    }

    private <T extends Record> Result<T> serve(String user, Kind kind, Class<T> type, Function<JournalSnapshot, T> compute) {
        UserIds.require(user);
        String key = key(journal.revision(user), models.key());
        T hit = cache.get(kind.namespace, key, type).await().indefinitely();
        if (hit != null) {
            return new Result<>(hit, true);
        }
        if (config.scoreOnRead()) {
            scorer.scorePending(user);
        }
        SnapshotLoader.Loaded loaded = loader.load(user);
        T value = compute.apply(loaded.snapshot());
        cache.put(kind.namespace, key(loaded.revision(), loaded.modelKey()), value, config.analysisTtl())
                .await().indefinitely();
        return new Result<>(value, false);
    }

    static String key(JournalStore.Revision revision, String modelKey) {
        return String.join(":", List.of(revision.user(), revision.cacheToken(), Long.toString(revision.revision()),
                TextFingerprint.of(modelKey).substring(0, 16)));
    }
}
