package dev.moodlens.analysis.journal;

/**
 * A user's journal changed through its API: fired by {@link EntryResource} as a synchronous CDI event once the
 * write has committed. The journal knows nothing of who listens; the packages above it observe it: the analyses
 * drop their cached results of the previous revision (insight), and the scoring scores what the write left
 * pending (scoring).
 */
public record JournalChanged(String user, Change change) {

    /** What the write did. */
    public enum Change {
        /** One entry written. */
        CREATED,
        /** One entry replaced (a changed text lost its results). */
        UPDATED,
        /** One entry deleted with its results. */
        DELETED,
        /** Entries imported in bulk. */
        IMPORTED
    }

    /** Whether the change may have left entries without a result (a delete never does). */
    public boolean mayLeavePending() {
        return change != Change.DELETED;
    }
}
