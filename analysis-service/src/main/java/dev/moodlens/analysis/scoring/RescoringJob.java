package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.config.BackgroundFailures;
import dev.moodlens.analysis.journal.JournalChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scores what is still pending: entries stored while the inference service was down, and every entry
 * after the models changed. Also notices a model change by asking the inference service now and then.
 */
@ApplicationScoped
public class RescoringJob {

    private static final Logger LOG = Logger.getLogger(RescoringJob.class);
    private static final String PROBE = "How was my day? It was fine.";

    private final ScoreStore store;
    private final EntryScorer scorer;
    private final ModelRevisions models;
    private final InferenceClient inference;
    private final MeterRegistry metrics;

    /** One background thread: scoring right after a write must not compete with requests for the pool. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "entry-scoring");
        t.setDaemon(true);
        return t;
    });

    RescoringJob(ScoreStore store, EntryScorer scorer, ModelRevisions models, InferenceClient inference,
                 MeterRegistry metrics) {
        this.store = store;
        this.scorer = scorer;
        this.models = models;
        this.inference = inference;
        this.metrics = metrics;
    }

    /** A committed write that may have left entries to score (not a delete): scored soon, in the background. */
    void onJournalChanged(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) JournalChanged change) {
        if (change.mayLeavePending()) {
            soon(change.user());
        }
    }

    /**
     * Scores a user's pending entries soon, off the request (called after a committed write); skipped when
     * the user is being scored already (that run, a reader's scoring or the scheduled job picks them up).
     */
    public void soon(String user) {
        background.submit(() -> {
            try {
                scorer.scorePendingIfFree(user);
            } catch (RuntimeException e) {
                LOG.warnf("Background scoring of %s failed: %s", user, e.toString());
                BackgroundFailures.count(metrics, "score-after-write");
            }
        });
    }

    @Scheduled(every = "${moodlens.analysis.rescore-every}", delayed = "${moodlens.analysis.rescore-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rescorePending() {
        List<String> users = store.usersWithPending(models.key(), 1000);
        for (String user : users) {
            // With several replicas each user is scored by whichever claims it first; the others move on.
            EntryScorer.Report report = scorer.scorePendingIfFree(user);
            if (report == null) {
                continue;
            }
            if (report.scored() > 0 || report.failed() > 0) {
                LOG.infof("Scored %d pending entries of %s (%d failed for good)", report.scored(), user, report.failed());
            }
            if (report.inferenceUnavailable()) {
                return; // try again at the next run
            }
        }
    }

    @Scheduled(every = "${moodlens.analysis.model-check-every}", delayed = "${moodlens.analysis.rescore-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkModels() {
        // The answer's model stamps update ModelRevisions; a new revision makes entries pending.
        inference.classify(List.of(PROBE)).await().indefinitely();
    }
}
