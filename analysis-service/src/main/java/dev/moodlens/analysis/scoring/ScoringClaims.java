package dev.moodlens.analysis.scoring;

import dev.moodlens.analysis.config.AnalysisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Which replica scores a user's journal: a lease on the user row, taken with one conditional update
 * (free, expired, or already ours), renewed while results are stored and released at the end. The
 * row-level lock of the update makes the claim atomic across replicas (the same guarantee as
 * {@code FOR UPDATE SKIP LOCKED}, without holding a transaction open while inference runs), and a
 * crashed replica's lease simply expires. Portable SQL (PostgreSQL and H2).
 */
@ApplicationScoped
public class ScoringClaims {

    /** This process; unique per start, so a restarted replica does not inherit its old leases. */
    private final String owner = UUID.randomUUID().toString();

    private final EntityManager em;
    private final AnalysisConfig config;

    ScoringClaims(EntityManager em, AnalysisConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Takes or renews the user's scoring lease; false when another replica holds it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean tryClaim(String user) {
        Instant now = Instant.now();
        return em.createNativeQuery("update {h-schema}journal_user set scoring_owner = ?1, scoring_until = ?2 where id = ?3 "
                        + "and (scoring_owner is null or scoring_owner = ?1 or scoring_until < ?4)")
                .setParameter(1, owner).setParameter(2, now.plus(config.scoringLease())).setParameter(3, user)
                .setParameter(4, now).executeUpdate() == 1;
    }

    /** Gives the lease back (only if it is still ours). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String user) {
        em.createNativeQuery("update {h-schema}journal_user set scoring_owner = null, scoring_until = null "
                        + "where id = ?1 and scoring_owner = ?2")
                .setParameter(1, user).setParameter(2, owner).executeUpdate();
    }

    public String owner() {
        return owner;
    }
}
