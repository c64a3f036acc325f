package dev.moodlens.analysis.journal;

/**
 * The model key of the results that count as current: an entry without a result of this key is pending. The
 * journal only asks; the scoring knows the models and implements it ({@code scoring.ModelRevisions}), so the
 * journal, at the bottom of the service, imports nothing above it.
 */
public interface CurrentModels {

    /** The current model key ({@code sentiment id@revision|emotion id@revision|reading}), or "unknown". */
    String key();
}
