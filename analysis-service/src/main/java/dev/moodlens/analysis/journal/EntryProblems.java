package dev.moodlens.analysis.journal;

import dev.moodlens.common.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Invalid entries as problem JSON naming the field: 413 for an oversized text, 400 otherwise. */
public class EntryProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidEntryException e, UriInfo uri) {
        int status = e.tooLarge() ? 413 : 400;
        Map<String, Object> errors = new LinkedHashMap<>();
        if (e.field() != null) {
            errors.put(e.field(), e.getMessage());
        }
        Problem problem = new Problem("about:blank", e.tooLarge() ? "Payload Too Large" : "Bad Request", status,
                e.getMessage(), uri.getPath(), errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
