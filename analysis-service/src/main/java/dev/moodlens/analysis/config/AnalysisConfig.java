package dev.moodlens.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Knobs of the analysis service; each is documented once in application.properties. */
@ConfigMapping(prefix = "moodlens.analysis")
public interface AnalysisConfig {

    /** Base URL of the inference service. */
    @WithDefault("http://127.0.0.1:8081")
    String inferenceUrl();

    /** Texts per /v1/classify call. */
    @WithDefault("32")
    int inferenceBatchSize();

    /** Classify calls in flight at once while scoring (a sliding window). */
    @WithDefault("4")
    int inferenceConcurrency();

    /** Most characters of text per classify call (keeps requests under the inference service's body limit). */
    @WithDefault("200000")
    int inferenceBatchChars();

    /** Times the inference service may refuse (4xx) an entry's text before the entry is marked failed. */
    @WithDefault("3")
    int maxScoringAttempts();

    /** How long a replica's claim on a user's scoring lasts without renewal (renewed as results are stored). */
    @WithDefault("PT2M")
    Duration scoringLease();

    /** Longest accepted entry text, in characters. */
    @WithDefault("50000")
    int maxEntryChars();

    /** Most entries accepted in one import request. */
    @WithDefault("100000")
    int maxImportEntries();

    /** Largest body of every POST and PUT other than an import, in bytes counted as read (chunked too). */
    @WithDefault("524288")
    long maxBodyBytes();

    /** Most entries one user's journal may hold (a write or import past it is refused whole). */
    @WithDefault("100000")
    long maxJournalEntries();

    /** Most bytes of entry text (UTF-8) one user's journal may hold (a write or import past it is refused whole). */
    @WithDefault("67108864")
    long maxJournalTextBytes();

    /** How far in the future writtenAt may be (clock skew, time zones). */
    @WithDefault("PT24H")
    Duration futureTolerance();

    /** Whether an analysis request first scores the user's pending entries (when inference is up). */
    @WithDefault("true")
    boolean scoreOnRead();

    /** How long a cached analysis lives (keys are exact, so this is only housekeeping). */
    @WithDefault("PT24H")
    Duration analysisTtl();

    /** How long a cached per-text inference result lives. */
    @WithDefault("P30D")
    Duration inferenceCacheTtl();

    /** How often pending entries are rescored (used by @Scheduled). */
    @WithDefault("30s")
    String rescoreEvery();

    /** Delay before the first rescoring and model check. */
    @WithDefault("10s")
    String rescoreDelay();

    /** How often the inference service is asked which model revisions it serves. */
    @WithDefault("5m")
    String modelCheckEvery();
}
