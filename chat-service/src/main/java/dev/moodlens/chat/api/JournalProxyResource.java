package dev.moodlens.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.chat.context.AnalysisClient;
import dev.moodlens.chat.context.NewJournalEntry;
import dev.moodlens.chat.context.TurnContextSource;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import dev.moodlens.common.access.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The page's window on the journal, kept in the analysis service: the context behind the mood sparkline
 * and adding an entry. Errors of the analysis service are passed on as problem JSON with their status.
 */
@RolesAllowed(Roles.USER)
@Path("/v1/journal")
@Produces(MediaType.APPLICATION_JSON)
public class JournalProxyResource {

    private static final Logger LOG = Logger.getLogger(JournalProxyResource.class);
    private static final int MAX_ENTRY_LENGTH = 50_000;

    private final AnalysisClient analysis;
    private final TurnContextSource contexts;
    private final ChatUser users;

    public JournalProxyResource(@RestClient AnalysisClient analysis, TurnContextSource contexts, ChatUser users) {
        this.analysis = analysis;
        this.contexts = contexts;
        this.users = users;
    }

    /** The journal context (mood trend, daily mood for the sparkline, dominant emotions). */
    @GET
    @Path("/context")
    public Uni<JournalContext> context(@QueryParam("user") String user) {
        String id = users.resolve(user);
        return contexts.journal(id).onFailure().transform(JournalProxyResource::unavailable);
    }

    /** Adds an entry through the analysis service, then forgets the cached context so the next turn sees it. */
    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(@QueryParam("user") String user, NewJournalEntry entry) {
        String id = users.resolve(user);
        if (entry == null || entry.text() == null || entry.text().isBlank()) {
            throw ProblemException.badRequest("text is empty");
        }
        if (entry.text().length() > MAX_ENTRY_LENGTH) {
            throw ProblemException.tooLarge("text has " + entry.text().length() + " characters; the limit is " + MAX_ENTRY_LENGTH);
        }
        return analysis.addEntry(id, entry)
                .call(() -> contexts.forget(id))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build())
                .onFailure().transform(JournalProxyResource::passOn);
    }

    private static Throwable passOn(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String detail = "the journal refused the entry";
            try {
                JsonNode body = web.getResponse().readEntity(JsonNode.class);
                if (body != null && body.hasNonNull("detail")) {
                    detail = body.get("detail").asText();
                }
            } catch (RuntimeException e) {
                LOG.debugf("analysis error body unreadable: %s", e.getMessage());
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            return new ProblemException(status, known == null ? "Error" : known.getReasonPhrase(), detail);
        }
        return unavailable(failure);
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        LOG.warnf("Analysis service unavailable for the journal proxy: %s", failure.toString());
        return ProblemException.unavailable("the journal (analysis service) is unavailable right now", 10);
    }
}
