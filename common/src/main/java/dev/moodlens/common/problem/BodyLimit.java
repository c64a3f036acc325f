package dev.moodlens.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A body limit smaller than {@code quarkus.http.limits.max-body-size} for all but a few routes, counted on the
 * bytes actually read: a Content-Length over the limit is refused before anything is read, and a chunked body
 * (no Content-Length) when its bytes pass the limit, so nothing bigger is ever buffered or parsed (review finding 2:
 * a 60 MB entry was parsed whole before its length check). Refusals are 413 problem JSON. A service keeps one large
 * limit (Vert.x's, for its bulk routes, {@link BodyLimitConfig#streamedPaths}) and sets
 * {@link BodyLimitConfig#maxBytes}; a service that sets no limit gets nothing installed.
 */
@ApplicationScoped
public class BodyLimit {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the refusal is marked, so that the failure handler answers only for this limit's 413s. */
    private static final String REFUSED = BodyLimit.class.getName() + ".refused";

    private final BodyLimitConfig config;

    public BodyLimit(BodyLimitConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        if (config.maxBytes().isPresent()) {
            Predicate<String> streamed = config.streamedPaths().map(Pattern::compile)
                    .<Predicate<String>>map(pattern -> path -> pattern.matcher(path).matches()).orElse(path -> false);
            install(router, config.maxBytes().getAsLong(), streamed);
        }
    }

    /**
     * Reads the body of every POST, PUT and PATCH whose path {@code large} does not accept into memory, at most
     * {@code maxBytes} of it, before the REST layer sees the request (REST then parses that buffer, never the
     * connection). Bodies of the {@code large} paths are left to be streamed under Vert.x's own limit.
     */
    private static void install(Router router, long maxBytes, Predicate<String> large) {
        BodyHandler small = BodyHandler.create(false).setBodyLimit(maxBytes).setDeleteUploadedFilesOnEnd(true);
        // Before the REST route (RouteConstants.ROUTE_ORDER_DEFAULT) and right after Quarkus' own
        // Content-Length check against max-body-size (ROUTE_ORDER_UPLOAD_LIMIT).
        int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
        router.route().order(order).handler(context -> {
            // An empty body (Content-Length: 0, or a request already ended) has nothing to read, and a body
            // handler would wait for an end that has already happened.
            if (!WITH_BODY.contains(context.request().method()) || context.request().isEnded()
                    || "0".equals(context.request().getHeader("Content-Length")) || large.test(context.normalizedPath())) {
                context.next();
                return;
            }
            context.put(REFUSED, maxBytes);
            small.handle(context);
        }).failureHandler(context -> {
            if (context.statusCode() != 413 || context.get(REFUSED) == null || context.response().headWritten()) {
                context.next();
                return;
            }
            Problem problem = Problem.of(413, "Payload Too Large", "the body is larger than " + maxBytes
                    + " bytes; this route reads at most " + maxBytes + " bytes").withInstance(context.normalizedPath());
            try {
                // The rest of a refused chunked body is not wanted: close the connection after the answer.
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(JSON.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.next();
            }
        });
    }

    /**
     * Hands the body the limit has read to the REST layer. (Quarkus REST takes a body already read by a Vert.x body
     * handler only for InputStream parameters; for the others it would see an ended request and no bytes.)
     */
    @ServerRequestFilter(preMatching = true)
    public void handOver(ContainerRequestContext request, RoutingContext context) {
        if (config.maxBytes().isEmpty()) {
            return;
        }
        Buffer body = context.body().buffer();
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
