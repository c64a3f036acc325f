package dev.moodlens.inference.model;

import dev.moodlens.models.runtime.Task;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup is UP once loading has finished (the startup probe waits for it); readiness is UP only while
 * every task has a model, and names, per task, which model serves and whether it is a fallback.
 */
@ApplicationScoped
public class ModelHealthChecks {

    private final ModelRegistry registry;

    public ModelHealthChecks(ModelRegistry registry) {
        this.registry = registry;
    }

    @Produces
    @Startup
    @ApplicationScoped
    HealthCheck startup() {
        return () -> describe(HealthCheckResponse.named("models-loaded").status(registry.startupFinished()));
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> describe(HealthCheckResponse.named("models").status(registry.ready()));
    }

    private HealthCheckResponse describe(HealthCheckResponseBuilder builder) {
        for (Task task : Task.values()) {
            // Health is read by anyone who can reach the port: no paths here, the log has them (finding 16).
            registry.info(task).map(ModelInfo::forCallers).ifPresentOrElse(info -> {
                builder.withData(task.id(), info.id() + "@" + info.revision() + " (" + info.source() + ", "
                        + info.tier() + ", " + info.precision() + ")");
                if (info.fallback() != null) {
                    builder.withData(task.id() + ".fallback", info.fallback());
                }
            }, () -> builder.withData(task.id(), CallerView.missing(task, registry.failures())));
        }
        return builder.build();
    }
}
