package dev.moodlens.inference.api;

import dev.moodlens.common.problem.RouteBodyLimit;
import dev.moodlens.inference.config.InferenceConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over {@code moodlens.inference.max-body-bytes} with 413 problem JSON, counted on the bytes read
 * (the suite's one body limit, common's RouteBodyLimit): by Content-Length before anything is read, and a chunked
 * body once its bytes pass the limit, before any parsing or tokenizing. Every route is small here. (Vert.x's own
 * limit, quarkus.http.limits.max-body-size, stays higher as a backstop; its 413 has no body.)
 */
@ApplicationScoped
public class BodySizeFilter {

    private final long maxBytes;

    public BodySizeFilter(InferenceConfig config) {
        this.maxBytes = config.maxBodyBytes();
    }

    void install(@Observes Router router) {
        RouteBodyLimit.install(router, maxBytes, path -> false);
    }

    /** Hands the body the limit has read to the REST layer (see RouteBodyLimit.handOver). */
    @ServerRequestFilter(preMatching = true)
    public void readBody(ContainerRequestContext request, RoutingContext context) {
        RouteBodyLimit.handOver(request, context);
    }
}
