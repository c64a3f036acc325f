package dev.moodlens.inference.api;

import dev.moodlens.inference.model.ModelInfo;
import dev.moodlens.inference.model.ModelLoader;
import dev.moodlens.inference.model.ModelRegistry;
import dev.moodlens.inference.model.Task;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which model serves each task: source, revision, tier, file sha256, load time, fallback reason. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
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
        for (Task task : Task.values()) {
            registry.info(task).ifPresent(models::add);
        }
        Map<String, String> missing = new java.util.LinkedHashMap<>();
        for (Task task : Task.values()) {
            if (registry.info(task).isEmpty()) {
                missing.put(task.key(), registry.failures().getOrDefault(task, "loading"));
            }
        }
        return new ModelsResponse(loader.tier().key(), loader.precision().name().toLowerCase(), models, missing);
    }
}
