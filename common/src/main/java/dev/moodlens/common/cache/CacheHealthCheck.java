package dev.moodlens.common.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports the result cache in readiness without ever failing it: without Redis a service is slower, not down. */
@Readiness
@ApplicationScoped
public class CacheHealthCheck implements HealthCheck {

    @Inject
    JsonResultCache cache;

    @Override
    public HealthCheckResponse call() {
        String state = !cache.enabled() ? "off" : cache.available() ? "ok" : "degraded";
        return HealthCheckResponse.named("result-cache").up().withData("state", state).build();
    }
}
