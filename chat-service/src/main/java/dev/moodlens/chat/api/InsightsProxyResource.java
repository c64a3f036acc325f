package dev.moodlens.chat.api;

import dev.moodlens.chat.context.AnalysisClient;
import dev.moodlens.common.token.Roles;
import dev.moodlens.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Set;

/**
 * The insights page's analyses of the signed-in user's journal (comprehensive, personality, predictive),
 * passed through as the analysis service's JSON text (cached there, so a warm one is a few milliseconds
 * whatever the journal's size). 404 when the user has no journal yet; a cold analysis first scores the
 * entries still pending.
 */
@RolesAllowed(Roles.USER)
@Path("/v1/journal/analysis")
@Produces(MediaType.APPLICATION_JSON)
public class InsightsProxyResource {

    static final Set<String> KINDS = Set.of("comprehensive", "personality", "predictive");

    private final AnalysisClient analysis;
    private final ChatUser users;

    public InsightsProxyResource(@RestClient AnalysisClient analysis, ChatUser users) {
        this.analysis = analysis;
        this.users = users;
    }

    @GET
    @Path("/{kind}")
    public Uni<String> analysis(@PathParam("kind") String kind) {
        String id = users.resolve(null);
        if (!KINDS.contains(kind)) {
            throw ProblemException.notFound("no analysis '" + kind + "'; there are comprehensive, personality and predictive");
        }
        return analysis.analysis(id, kind)
                .onFailure().transform(f -> AnalysisAnswers.passOn(f, "the analysis could not be computed"));
    }
}
