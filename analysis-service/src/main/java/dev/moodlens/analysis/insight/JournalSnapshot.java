package dev.moodlens.analysis.insight;

import dev.moodlens.common.api.ModelStamp;

import java.time.Instant;
import java.util.List;

/**
 * Everything an analysis is computed from: the user's entries (oldest first) with their best
 * available scores, how many have no result from the current models (pending, or failed: refused by
 * the inference service), and which models scored them.
 */
public record JournalSnapshot(String user, long revision, List<ScoredEntry> entries, int pendingEntries,
                              int failedEntries, List<ModelStamp> models, Instant computedAt) {

    public JournalSnapshot(String user, long revision, List<ScoredEntry> entries, int pendingEntries,
                           List<ModelStamp> models, Instant computedAt) {
        this(user, revision, entries, pendingEntries, 0, models, computedAt);
    }

    public List<ScoredEntry> scored() {
        return entries.stream().filter(ScoredEntry::scored).toList();
    }

    public Basis basis() {
        return new Basis(user, entries.size(), (int) entries.stream().filter(ScoredEntry::scored).count(), pendingEntries,
                failedEntries, revision, models, computedAt.toString(),
                entries.isEmpty() ? null : entries.get(0).writtenAt(),
                entries.isEmpty() ? null : entries.get(entries.size() - 1).writtenAt(), Basis.DISCLAIMER);
    }
}
