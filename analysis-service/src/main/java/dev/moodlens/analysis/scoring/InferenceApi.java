package dev.moodlens.analysis.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.access.ServiceTokenHeaders;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.problem.RetryAfterHeader;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Duration;

/** The inference service's classify endpoint (URL: moodlens.analysis.inference-url). */
@RegisterRestClient(configKey = "inference")
// Every call (requests and background rescoring alike) carries this service's own token.
@RegisterClientHeaders(ServiceTokenHeaders.ToInference.class)
@Path("/v1")
public interface InferenceApi {

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AnalyzeResponse> classify(TextsRequest request);

    /**
     * 503 or 429 with Retry-After becomes {@link InferenceBusyException}, a refusal (4xx but 408/429)
     * {@link InferenceRefusedException}; anything else keeps the default.
     */
    @ClientExceptionMapper
    static RuntimeException refusal(Response response) {
        String retryAfter = response.getHeaderString("Retry-After");
        if ((response.getStatus() == 503 || response.getStatus() == 429) && retryAfter != null) {
            // an unreadable value still means "busy": wait a second
            return new InferenceBusyException(response.getStatus(),
                    RetryAfterHeader.parse(retryAfter).orElse(Duration.ofSeconds(1)));
        }
        if (!InferenceRefusedException.refusal(response.getStatus())) {
            return null;
        }
        String detail = null;
        try {
            String body = response.readEntity(String.class);
            JsonNode problem = body == null || body.isBlank() ? null : new ObjectMapper().readTree(body);
            detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
        } catch (RuntimeException | java.io.IOException e) {
            // no readable body: the status alone is the reason
        }
        if (detail != null && detail.length() > 300) {
            detail = detail.substring(0, 300) + "…";
        }
        return new InferenceRefusedException(response.getStatus(), detail);
    }
}
