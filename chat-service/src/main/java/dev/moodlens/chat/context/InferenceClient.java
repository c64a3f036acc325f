package dev.moodlens.chat.context;

import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.access.ServiceTokenHeaders;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/** The inference service (quarkus.rest-client.inference.url = moodlens.chat.inference-url). */
// Calls carry this service's own token; analysis trusts it to act for the user in the path.
@RegisterClientHeaders(ServiceTokenHeaders.ToInference.class)
@RegisterRestClient(configKey = "inference")
@Path("/v1")
public interface InferenceClient {

    /** Sentiment and emotion of the texts; a chat turn waits for it only briefly. */
    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 15, delayUnit = ChronoUnit.SECONDS)
    Uni<AnalyzeResponse> classify(TextsRequest request);
}
