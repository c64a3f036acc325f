package dev.moodlens.chat.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.access.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/** The analysis service (quarkus.rest-client.analysis.url = moodlens.chat.analysis-url). */
// Calls carry this service's own token; analysis trusts it to act for the user in the path.
@RegisterClientHeaders(ServiceTokenHeaders.ToAnalysis.class)
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

    // ---- the journal and insights pages (passed through as JSON text: the page reads them, chat does not) ----

    /** A page of entries (from/to/q/tag/pending/page/size/order as the analysis service reads them; null = unset). */
    @GET
    @Path("/entries")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    Uni<String> listEntries(@PathParam("user") String user, @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("q") String text, @QueryParam("tag") String tag,
                            @QueryParam("pending") String pending, @QueryParam("page") Integer page,
                            @QueryParam("size") Integer size, @QueryParam("order") String order);

    @GET
    @Path("/entries/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    Uni<String> entry(@PathParam("user") String user, @PathParam("id") String id);

    /** Replaces an entry; the body goes as the page wrote it, the analysis service validates it. */
    @PUT
    @Path("/entries/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    Uni<String> updateEntry(@PathParam("user") String user, @PathParam("id") String id, JsonNode entry);

    @DELETE
    @Path("/entries/{id}")
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    Uni<Void> deleteEntry(@PathParam("user") String user, @PathParam("id") String id);

    /** All-or-nothing import of JSON Lines; not retried (a second try would import twice). */
    @POST
    @Path("/entries/import")
    @Consumes("application/x-ndjson")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    Uni<String> importNdjson(@PathParam("user") String user, byte[] body);

    /** All-or-nothing import of CSV with a header row. */
    @POST
    @Path("/entries/import")
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 120, unit = ChronoUnit.SECONDS)
    Uni<String> importCsv(@PathParam("user") String user, byte[] body);

    /** Every entry with its results, as JSON Lines. */
    @GET
    @Path("/entries/export")
    @Produces("application/x-ndjson")
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    Uni<byte[]> export(@PathParam("user") String user);

    /**
     * One analysis (comprehensive, personality or predictive) as the analysis service's JSON text. A cold one
     * first scores the journal's pending entries, which can take a minute for a large import: hence the timeout.
     */
    @GET
    @Path("/analysis/{kind}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 150, unit = ChronoUnit.SECONDS)
    Uni<String> analysis(@PathParam("user") String user, @PathParam("kind") String kind);
}
