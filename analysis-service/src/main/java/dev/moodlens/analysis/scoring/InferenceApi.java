package dev.moodlens.analysis.scoring;

import dev.moodlens.common.access.ServiceTokenHeaders;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.TextsRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inference service's classify endpoint (URL: moodlens.analysis.inference-url). */
@RegisterRestClient(configKey = "inference")
// Every call (requests and background rescoring alike) carries this service's own token.
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/v1")
public interface InferenceApi {

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AnalyzeResponse> classify(TextsRequest request);
}
