package dev.moodlens.analysis.insight;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.function.Supplier;

/** Runs blocking work (JDBC, computation, scoring) off the event loop. */
public final class WorkerPool {

    private WorkerPool() {
    }

    public static <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
