package dev.moodlens.inference.api;

import dev.moodlens.common.access.Caller;
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
    private final Caller caller;

    public AdminResource(ModelRegistry registry, InferenceConfig config, Caller caller) {
        this.registry = registry;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Path("/{task}")
    @Blocking
    public ModelInfo swap(@PathParam("task") String taskName, SwapRequest request,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        java.util.Optional<String> adminToken = config.adminToken().filter(t -> !t.isBlank());
        adminToken.ifPresent(token -> {
            // Constant time: how long the check takes says nothing about how much of the token was right (finding 13).
            if (authorization == null || !java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                    authorization.getBytes(StandardCharsets.UTF_8))) {
                throw new ProblemException(401, "Unauthorized", "the admin endpoints need the admin bearer token");
            }
        });
        if (adminToken.isEmpty() && !caller.isService()) {
            // Without an admin token of its own, swapping models is for the suite's services (a service token).
            throw new ProblemException(401, "Unauthorized", "the admin endpoints need a service token or the admin bearer token");
        }
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
