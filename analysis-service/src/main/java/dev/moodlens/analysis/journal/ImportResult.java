package dev.moodlens.analysis.journal;

/** Outcome of an import: every record was stored (imports are all-or-nothing). */
public record ImportResult(String user, int imported, String format, long journalRevision) {
}
