package dev.moodlens.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A body limit smaller than {@code quarkus.http.limits.max-body-size} for all but a few routes, counted on the
 * bytes actually read: a Content-Length over the limit is refused before anything is read, and a chunked body
 * (no Content-Length) when its bytes pass the limit, so nothing bigger is ever buffered or parsed. Refusals are
 * 413 problem JSON. A service keeps one large limit (Vert.x's, for its bulk routes) and installs this from an
 * {@code @Observes Router} method, and calls {@link #handOver} from a pre-matching {@code @ServerRequestFilter}; it
 * is a plain class, not a bean, so no other service gets it by having common on its classpath.
 */
public final class RouteBodyLimit {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the refusal is marked, so that the failure handler answers only for this limit's 413s. */
    private static final String REFUSED = RouteBodyLimit.class.getName() + ".refused";

    private RouteBodyLimit() {
    }

    /**
     * Reads the body of every POST, PUT and PATCH whose path {@code large} does not accept into memory, at most
     * {@code maxBytes} of it, before the REST layer sees the request (REST then parses that buffer, never the
     * connection). Bodies of the {@code large} paths are left to be streamed under Vert.x's own limit.
     */
    public static void install(Router router, long maxBytes, Predicate<String> large) {
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
     * Hands the body the limit has read to the REST layer; call it from a pre-matching
     * {@code @ServerRequestFilter}. (Quarkus REST takes a body already read by a Vert.x body handler only for
     * InputStream parameters; for the others it would see an ended request and no bytes.)
     */
    public static void handOver(ContainerRequestContext request, RoutingContext context) {
        Buffer body = context.body().buffer();
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
