package dev.moodlens.analysis.journal;

import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.common.problem.RouteBodyLimit;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * Review finding 2: quarkus.http.limits.max-body-size (64 MB) is for imports; every other body (one entry, a few
 * hundred bytes of JSON usually) is limited to {@code moodlens.analysis.max-body-bytes}, counted on the bytes read,
 * so a 60 MB entry is refused after half a megabyte instead of being parsed whole before its length check.
 */
@ApplicationScoped
public class EntryBodyLimit {

    /** The import route streams its body record by record under the large limit. */
    static final Pattern IMPORT = Pattern.compile("/v1/users/[^/]+/entries/import/?");

    void install(@Observes Router router, AnalysisConfig config) {
        RouteBodyLimit.install(router, config.maxBodyBytes(), path -> IMPORT.matcher(path).matches());
    }

    /** Hands the body the limit has read to the REST layer (see RouteBodyLimit.handOver). */
    @ServerRequestFilter(preMatching = true)
    public void readBody(ContainerRequestContext request, RoutingContext context) {
        RouteBodyLimit.handOver(request, context);
    }
}
