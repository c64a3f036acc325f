package dev.moodlens.chat.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * What the page sees when the analysis service refuses or fails: its own problem (status, detail and the
 * line or field in {@code errors}) for a 4xx or a 503 it answered, so that an import names its bad line and
 * an outage its cause; "the journal is unavailable" (503 + Retry-After) when it did not answer at all.
 */
final class AnalysisAnswers {

    private static final Logger LOG = Logger.getLogger(AnalysisAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private AnalysisAnswers() {
    }

    /** Maps a failed call to the problem the page is shown; {@code fallbackDetail} when the answer has none. */
    static Throwable passOn(Throwable failure, String fallbackDetail) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            int status = response.getStatus();
            JsonNode body = status < 500 || status == 503 ? body(response) : null;
            if (body != null && (status < 500 || body.hasNonNull("detail"))) {
                String detail = body.hasNonNull("detail") ? body.get("detail").asText() : fallbackDetail;
                Map<String, Object> errors = body.has("errors") && body.get("errors").isObject()
                        ? JSON.convertValue(body.get("errors"), MAP) : null;
                Response.Status known = Response.Status.fromStatusCode(status);
                String retryAfter = response.getHeaderString("Retry-After");
                return new ProblemException(status, known == null ? "Error" : known.getReasonPhrase(), detail, errors,
                        retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter));
            }
        }
        return unavailable(failure);
    }

    static Throwable unavailable(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        LOG.warnf("Analysis service unavailable for the journal pages: %s", failure.toString());
        return ProblemException.unavailable("the journal (analysis service) is unavailable right now", 10);
    }

    private static JsonNode body(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body == null ? JSON.createObjectNode() : body;
        } catch (RuntimeException e) {
            LOG.debugf("analysis error body unreadable: %s", e.getMessage());
            return JSON.createObjectNode();
        }
    }
}
