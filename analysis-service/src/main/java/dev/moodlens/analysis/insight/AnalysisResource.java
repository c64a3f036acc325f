package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.journal.JournalAccess;
import dev.moodlens.common.token.Roles;
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
 * The analyses of a user's journal; X-Cache says whether the answer came from the cache. Blocking (a miss loads
 * the journal and may score it): every method runs on a worker thread.
 */
@RolesAllowed({Roles.USER, Roles.SERVICE})
@Path("/v1/users/{user}/analysis")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AnalysisResource {

    public static final String CACHE_HEADER = "X-Cache";

    private final AnalysisService analyses;
    private final JournalAccess access;

    AnalysisResource(AnalysisService analyses, JournalAccess access) {
        this.analyses = analyses;
        this.access = access;
    }

    @GET
    @Path("/comprehensive")
    @Operation(summary = "Sentiment trend, emotions, themes, writing patterns, extremes and notable changes")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ComprehensiveAnalysis.class)))
    @APIResponse(responseCode = "404", description = "unknown user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response comprehensive(@PathParam("user") String user) {
        access.require(user);
        return respond(analyses.comprehensive(user));
    }

    @GET
    @Path("/personality")
    @Operation(summary = "Big-Five-style profile from explainable writing signals (not a personality test)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PersonalityProfile.class)))
    @APIResponse(responseCode = "404", description = "unknown user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response personality(@PathParam("user") String user) {
        access.require(user);
        return respond(analyses.personality(user));
    }

    @GET
    @Path("/predictive")
    @Operation(summary = "7 and 14 day mood forecast with prediction intervals, and risk factors with evidence")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PredictiveAnalysis.class)))
    @APIResponse(responseCode = "404", description = "unknown user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response predictive(@PathParam("user") String user) {
        access.require(user);
        return respond(analyses.predictive(user));
    }

    /** The result as JSON text, with X-Cache hit or miss. */
    public static Response respond(AnalysisService.Result result) {
        return Response.ok(result.json(), MediaType.APPLICATION_JSON).header(CACHE_HEADER, result.cached() ? "hit" : "miss").build();
    }
}
