package dev.moodlens.analysis.context;

import dev.moodlens.analysis.insight.AnalysisResource;
import dev.moodlens.analysis.insight.AnalysisService;
import dev.moodlens.analysis.journal.JournalAccess;
import dev.moodlens.common.token.Roles;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The journal context for the chat prompt ({@link JournalContextBuilder}), cached like the analyses (same keys,
 * namespace {@code context}); X-Cache says whether it came from the cache. Blocking: runs on a worker thread.
 */
@RolesAllowed({Roles.USER, Roles.SERVICE})
@Path("/v1/users/{user}/context")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ContextResource {

    private final AnalysisService analyses;
    private final JournalAccess access;
    private final JournalContextBuilder builder = new JournalContextBuilder();

    ContextResource(AnalysisService analyses, JournalAccess access) {
        this.analyses = analyses;
        this.access = access;
    }

    @GET
    @Operation(summary = "Compact journal context for the chat service")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = JournalContext.class)))
    @APIResponse(responseCode = "404", description = "unknown user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response context(@PathParam("user") String user) {
        access.require(user);
        return AnalysisResource.respond(analyses.serve(user, AnalysisService.Kind.CONTEXT, builder::build));
    }
}
