package dev.moodlens.chat.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.access.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/** The analysis service (quarkus.rest-client.analysis.url = moodlens.chat.analysis-url). */
// Calls carry this service's own token; analysis trusts it to act for the user in the path.
@RegisterClientHeaders(ServiceTokenHeaders.class)
@RegisterRestClient(configKey = "analysis")
@Path("/v1/users/{user}")
public interface AnalysisClient {

    /** The compact journal context for the chat prompt. */
    @GET
    @Path("/context")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 15, delayUnit = ChronoUnit.SECONDS)
    Uni<JournalContext> context(@PathParam("user") String user);

    /** Adds a journal entry; not retried (it is not idempotent), the caller sees the outcome. */
    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    Uni<JsonNode> addEntry(@PathParam("user") String user, NewJournalEntry entry);
}
