package dev.moodlens.inference.api;

import dev.moodlens.common.token.Roles;
import dev.moodlens.inference.model.CallerView;
import dev.moodlens.inference.model.ModelInfo;
import dev.moodlens.inference.model.ModelLoader;
import dev.moodlens.inference.model.ModelRegistry;
import dev.moodlens.models.runtime.Task;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which model serves each task: source, revision, tier, file sha256, load time, fallback reason. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
// Any suite token, as for classifying: what is deployed is not for whoever reaches the port (review finding 16).
@RolesAllowed({Roles.SERVICE, Roles.USER})
public class ModelsResource {

    public record ModelsResponse(String tier, String precision, List<ModelInfo> models, Map<String, String> missing) {
    }

    private final ModelRegistry registry;
    private final ModelLoader loader;

    public ModelsResource(ModelRegistry registry, ModelLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    @GET
    public ModelsResponse list() {
        List<ModelInfo> models = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Map<Task, String> failures = registry.failures();
        for (Task task : Task.values()) {
            registry.info(task).map(ModelInfo::forCallers).ifPresentOrElse(models::add,
                    () -> missing.put(task.id(), CallerView.missing(task, failures)));
        }
        return new ModelsResponse(loader.tier().key(), loader.precision().name().toLowerCase(), models, missing);
    }
}
