package dev.moodlens.inference.api;

import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.inference.hub.HubException;
import dev.moodlens.inference.hub.HubNotFoundException;
import dev.moodlens.inference.model.CallerView;
import dev.moodlens.inference.model.ModelInfo;
import dev.moodlens.inference.model.ModelReference;
import dev.moodlens.inference.model.ModelRegistry;
import dev.moodlens.models.runtime.Task;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Swaps a task's model at runtime without dropping requests: the new model loads while the old one
 * serves, then takes over; the old one closes after its last in-flight batch.
 */
@Path("/v1/admin/models")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    public record SwapRequest(String model) {
    }

    private final ModelRegistry registry;
    private final InferenceConfig config;

    public AdminResource(ModelRegistry registry, InferenceConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @POST
    @Path("/{task}")
    @Blocking
    public ModelInfo swap(@PathParam("task") String taskName, SwapRequest request,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireAdminToken(authorization);
        Task task;
        ModelReference reference;
        try {
            task = Task.parse(taskName);
            if (request == null || request.model() == null) {
                throw new IllegalArgumentException("body must be {\"model\": \"hf://org/name@revision\"}");
            }
            reference = ModelReference.parse(request.model());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        try {
            return registry.swap(task, reference).forCallers();
        } catch (HubNotFoundException e) {
            throw failed(422, "Unprocessable Entity", reference, e, e.getMessage());
        } catch (HubException e) {
            throw failed(502, "Bad Gateway", reference, e, e.getMessage());
        } catch (RuntimeException e) {
            throw failed(422, "Unprocessable Entity", reference, e, "cannot load " + reference.text() + ": " + e.getMessage());
        }
    }

    /**
     * Only the admin token opens the swap, in every deployment (review finding 6): without one configured the
     * swap is off, never open to a suite token, since any caller holding a service key (analysis, which parses
     * untrusted imports) could otherwise replace the models everyone is scored with.
     */
    private void requireAdminToken(String authorization) {
        String token = config.adminToken().filter(t -> !t.isBlank()).orElseThrow(() -> new ProblemException(403,
                "Forbidden", "the model swap is off: no admin token is configured (moodlens.inference.admin-token)"));
        // Constant time: how long the check takes says nothing about how much of the token was right (finding 13).
        if (authorization == null || !MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(401, "Unauthorized", "the admin endpoints need the admin bearer token");
        }
    }

    /**
     * The log gets the whole message; the answer no filesystem path (review finding 16). A directory that is
     * missing and one that holds no model get the same answer, so the endpoint tells nobody what exists.
     */
    private static ProblemException failed(int status, String title, ModelReference reference, RuntimeException e,
                                           String message) {
        LOG.warnf(e, "Swapping in %s failed: %s", reference.text(), message);
        String detail = reference instanceof ModelReference.Local
                ? "cannot load a model from that directory; " + CallerView.SEE_LOG
                : CallerView.withoutPaths(message);
        return new ProblemException(status, title, detail);
    }
}
