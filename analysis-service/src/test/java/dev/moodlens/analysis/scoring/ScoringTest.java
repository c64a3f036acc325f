package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.insight.ComprehensiveAnalyzer;
import dev.moodlens.analysis.insight.JournalSnapshot;
import dev.moodlens.analysis.insight.SnapshotLoader;
import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.analysis.journal.EntryDraft;
import dev.moodlens.analysis.journal.JournalStore;
import dev.moodlens.analysis.support.StubInference;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring through the services (no HTTP): poison entries and the per-user scoring lease between replicas. */
@QuarkusTest
@WithTestResource(StubInference.class)
class ScoringTest {

    @Inject
    JournalStore journal;
    @Inject
    EntryScorer scorer;
    @Inject
    ScoreStore scores;
    @Inject
    SnapshotLoader loader;
    @Inject
    ScoringClaims claims;
    @Inject
    ModelRevisions models;
    @Inject
    AnalysisConfig config;
    @Inject
    EntityManager em;

    @Test
    void anEntryTheInferenceServiceRefusesIsFailedAfterBoundedAttemptsAndTheOthersAreScored() throws Exception {
        String user = newJournal(40, 17);
        // Each run refuses the poison text once (its batch is split until it is alone, the others are scored);
        // the scheduled rescoring (every second in tests) may add runs of its own.
        for (int run = 0; run < config.maxScoringAttempts(); run++) {
            scorer.scorePending(user);
        }
        await(() -> loader.load(user).snapshot().failedEntries() == 1);
        JournalSnapshot snapshot = loader.load(user).snapshot();
        assertEquals(40, snapshot.entries().size());
        assertEquals(39, snapshot.scored().size());
        assertEquals(0, snapshot.pendingEntries());
        assertEquals(1, new ComprehensiveAnalyzer().analyze(snapshot).basis().failedEntries());
        assertEquals(0, scores.countPending(user, models.key()));

        // Failed for good: neither a reader's scoring nor the scheduled job sends it again.
        int refused = StubInference.refusedRequests();
        assertEquals(0, scorer.scorePending(user).scored());
        Thread.sleep(2_500);
        assertEquals(refused, StubInference.refusedRequests());
        String reason = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select f.reason from {h-schema}entry_scoring_failure f join {h-schema}journal_entry e on e.id = f.entry_id "
                        + "where e.user_id = ?1").setParameter(1, user).getSingleResult());
        assertTrue(reason.contains("400") && reason.contains("refuses"), reason);
    }

    @Test
    void aJournalClaimedByAnotherReplicaIsLeftToItUntilItsLeaseRunsOut() throws Exception {
        ScoringClaims otherReplica = new ScoringClaims(em, config);
        String user = untouchedJournalClaimedBy(otherReplica);

        assertFalse(claims.tryClaim(user), "a claimed journal cannot be claimed by a second replica");
        assertNull(scorer.scorePendingIfFree(user), "the background scoring skips a journal another replica scores");
        Thread.sleep(1_500); // the scheduled rescoring runs every second in tests and must skip it too
        assertEquals(12, scores.countPending(user, models.key()));

        // The other replica crashed: its lease runs out and this one takes the journal over.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update {h-schema}journal_user set scoring_until = ?1 where id = ?2")
                .setParameter(1, Instant.now().minusSeconds(1)).setParameter(2, user).executeUpdate());
        scorer.scorePending(user);
        await(() -> scores.countPending(user, models.key()) == 0);
        assertEquals(12, loader.load(user).snapshot().scored().size());

        // A finished run gives the lease back: the other replica may claim it again.
        assertTrue(QuarkusTransaction.requiringNew().call(() -> otherReplica.tryClaim(user)));
        QuarkusTransaction.requiringNew().run(() -> otherReplica.release(user));
    }

    @Test
    void aBusyInferenceServiceSlowsTheScoringDownButEveryEntryIsScoredInTheSameRun() throws Exception {
        String user = newJournal(150, -1);
        // A full queue: 503 with Retry-After to the next six calls. The round narrows its window, waits and sends
        // those batches again; the breaker does not open, nothing is left for a later run.
        StubInference.busyFor(6);
        scorer.scorePending(user);
        assertEquals(0, scores.countPending(user, models.key()));
        assertEquals(0, StubInference.busyLeft());
        assertEquals(150, loader.load(user).snapshot().scored().size());
    }

    @Test
    void aServiceThatStaysBusyEndsTheRoundAndTheEntriesWaitForALaterRun() throws Exception {
        String user = newJournal(40, -1);
        StubInference.busyFor(Integer.MAX_VALUE);
        try {
            EntryScorer.Report report = scorer.scorePending(user); // returns: busy answers in a row are bounded
            assertEquals(0, report.scored());
            assertEquals(40, scores.countPending(user, models.key()));
        } finally {
            StubInference.busyFor(0);
        }
        await(() -> scores.countPending(user, models.key()) == 0); // the scheduled rescoring takes them
    }

    /**
     * A new journal of 12 pending entries that {@code replica} claimed before anyone scored it. The scheduled rescoring
     * (every second in tests) may take a new journal between its import and the claim: then start over with another.
     */
    private String untouchedJournalClaimedBy(ScoringClaims replica) {
        for (int attempt = 0; attempt < 10; attempt++) {
            String user = newJournal(12, -1);
            if (QuarkusTransaction.requiringNew().call(() -> replica.tryClaim(user))
                    && scores.countPending(user, models.key()) == 12) {
                return user;
            }
        }
        throw new AssertionError("the scheduled rescoring took ten new journals before a replica could claim one");
    }

    /** A new journal of {@code count} entries; entry {@code poison} (if not negative) is refused by the stub. */
    private String newJournal(int count, int poison) {
        String user = "scoring-" + UUID.randomUUID().toString().substring(0, 8);
        List<EntryDraft> drafts = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.of(2026, 10, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2));
        for (int i = 0; i < count; i++) {
            String text = "Day " + i + " of " + user + ": a good walk, then " + (i % 2 == 0 ? "happy" : "tired") + " in the evening."
                    + (i == poison ? " " + StubInference.REFUSE : "");
            drafts.add(new EntryDraft(start.plusDays(i), null, text, List.of()));
        }
        journal.importAll(user, drafts, "ndjson");
        return user;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
            Thread.sleep(100);
        }
    }
}
