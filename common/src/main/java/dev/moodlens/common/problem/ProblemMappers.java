package dev.moodlens.common.problem;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every error a service raises into RFC 7807 problem JSON. Shared by all services (common is
 * Jandex-indexed, so this bean is discovered wherever common is on the classpath).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.problem(), uri);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonGenerationException) {
            // Writing JSON is our own failure, not the caller's: never blame their body for it.
            return unexpected(e, uri);
        }
        // Kept at debug with the stack so a 400 for a body that looks valid can be traced to its source.
        LOG.debugf(e, "Request body refused on %s", pathOf(uri));
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "field '" + path(f) + "' has a value of the wrong type or format";
        } else if (e instanceof MismatchedInputException m) {
            detail = m.getPath().isEmpty() ? "the body does not have the expected JSON shape"
                    : "field '" + path(m) + "' has the wrong type";
        } else {
            detail = "the body is not valid JSON" + location(e);
        }
        return respond(Problem.of(400, "Bad Request", detail), uri).build();
    }

    /** Quarkus REST has its own mapper for this subtype; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri) {
        Map<String, Object> errors = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> errors.put(lastNode(v.getPropertyPath().toString()), v.getMessage()));
        String detail = errors.entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                .collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Bad Request", 400, detail, null, errors), uri).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = e.getMessage() == null ? title : e.getMessage();
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json, uri);
        }
        Response.ResponseBuilder builder = respond(Problem.of(status, title, detail), uri);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            // The database is down or unreachable: say so, and when to try again, instead of a bare 500.
            LOG.warnf("Database unavailable on %s: %s", pathOf(uri), e.getClass().getSimpleName());
            return respond(Problem.of(503, "Service Unavailable",
                    "the database is unavailable; nothing was changed, try again shortly"), uri)
                    .header("Retry-After", "5").build();
        }
        // Never echo internals (or journal text) to the caller; the log has the stack trace.
        LOG.errorf(e, "Unexpected error on %s", pathOf(uri));
        return respond(Problem.of(500, "Internal Server Error", "an unexpected error occurred"), uri).build();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(pathOf(uri)));
    }

    private static String pathOf(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
