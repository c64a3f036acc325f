package dev.moodlens.analysis.journal;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-user journal quota (review finding 2): at most {@code max-journal-entries} entries and
 * {@code max-journal-text-bytes} bytes of text per journal, the sizes the analyses are measured to fit in the
 * service's heap. Counted on the user row in the writing transaction; a write that would pass a limit is refused
 * whole with 409 problem JSON naming the limit: the request itself may be fine (413 is for a body too large in
 * itself), it conflicts with what the journal already holds, and deleting entries resolves it.
 */
@ApplicationScoped
public class JournalQuota {

    private final EntityManager em;
    private final long maxEntries;
    private final long maxTextBytes;

    public JournalQuota(EntityManager em, AnalysisConfig config) {
        this.em = em;
        this.maxEntries = config.maxJournalEntries();
        this.maxTextBytes = config.maxJournalTextBytes();
    }

    /** UTF-8 bytes of a text, the unit of the text quota. */
    public static long bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Adds {@code entries} and {@code textBytes} (either may be negative) to the user's counts, or refuses with 409
     * when a growing count would pass its limit. A shrinking write (a delete, a shorter text) always passes, so a
     * journal over a lowered quota can be brought under it. The user row must exist.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void charge(String user, long entries, long textBytes) {
        StringBuilder update = new StringBuilder("update JournalUser u set u.entryCount = u.entryCount + :n, "
                + "u.textBytes = u.textBytes + :b where u.id = :id");
        if (entries > 0) {
            update.append(" and u.entryCount + :n <= :maxEntries");
        }
        if (textBytes > 0) {
            update.append(" and u.textBytes + :b <= :maxBytes");
        }
        Query query = em.createQuery(update.toString()).setParameter("n", entries).setParameter("b", textBytes)
                .setParameter("id", user);
        if (entries > 0) {
            query.setParameter("maxEntries", maxEntries);
        }
        if (textBytes > 0) {
            query.setParameter("maxBytes", maxTextBytes);
        }
        if (query.executeUpdate() == 1) {
            return;
        }
        Object[] now = em.createQuery("select u.entryCount, u.textBytes from JournalUser u where u.id = :id", Object[].class)
                .setParameter("id", user).getSingleResult();
        long count = (Long) now[0];
        long bytes = (Long) now[1];
        boolean tooMany = entries > 0 && count + entries > maxEntries;
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("limit", tooMany ? "max-journal-entries" : "max-journal-text-bytes");
        errors.put("max", tooMany ? maxEntries : maxTextBytes);
        errors.put("current", tooMany ? count : bytes);
        errors.put("requested", tooMany ? entries : textBytes);
        String detail = tooMany
                ? "the journal holds " + count + " entries and may hold at most " + maxEntries + " (max-journal-entries); "
                + entries + " more do not fit"
                : "the journal holds " + bytes + " bytes of text and may hold at most " + maxTextBytes
                + " (max-journal-text-bytes); " + textBytes + " more bytes do not fit";
        throw new ProblemException(409, "Conflict", detail + "; nothing was stored (delete entries to make room)",
                errors, Map.of());
    }
}
