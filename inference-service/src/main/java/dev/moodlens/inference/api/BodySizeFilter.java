package dev.moodlens.inference.api;

import dev.moodlens.common.problem.Problem;
import dev.moodlens.inference.config.InferenceConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over {@code moodlens.inference.max-body-bytes} with 413 problem JSON before they are
 * read. (Vert.x's own limit, quarkus.http.limits.max-body-size, is set higher as a backstop for bodies
 * without Content-Length; its 413 has no body.)
 */
public class BodySizeFilter {

    private final long maxBytes;

    public BodySizeFilter(InferenceConfig config) {
        this.maxBytes = config.maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.trim()) <= maxBytes) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        Problem problem = Problem.of(413, "Payload Too Large", "the body is larger than " + maxBytes + " bytes")
                .withInstance(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
