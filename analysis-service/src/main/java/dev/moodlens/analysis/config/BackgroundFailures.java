package dev.moodlens.analysis.config;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Work the service starts and does not wait for (a cache write after scoring, a cache delete after a write, the
 * scoring after a write): a failure of it is logged where it happens and counted here, never dropped, in
 * {@code moodlens_analysis_background_failures_total{task}} (Prometheus, /q/metrics).
 */
public final class BackgroundFailures {

    public static final String COUNTER = "moodlens.analysis.background.failures";

    private BackgroundFailures() {
    }

    /** Counts a failure of the background {@code task} (a metric tag: a fixed name, never a user or key). */
    public static void count(MeterRegistry metrics, String task) {
        metrics.counter(COUNTER, "task", task).increment();
    }
}
