package dev.moodlens.inference.model;

import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Startup loading reports every failure as a reason readiness can show. */
class ModelRegistryTest {

    /**
     * A native executable whose JNA or ONNX Runtime library cannot load throws an Error, not an exception: it
     * killed the loader thread and readiness said "loading" with no reason (found building natively, issue 19).
     */
    @Test
    void aNativeLibraryThatCannotLoadFailsReadinessWithItsReason() {
        InferenceConfig config = (InferenceConfig) Proxy.newProxyInstance(InferenceConfig.class.getClassLoader(),
                new Class<?>[] {InferenceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "tier" -> "standard";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ModelLoader loader = new ModelLoader(null, null, config, null) {
            @Override
            public ModelReference configured(Task task) {
                return ModelReference.bundledDefault(task);
            }

            @Override
            public LoadedModel loadOrFallback(Task task, ModelReference reference) {
                throw new UnsatisfiedLinkError("Error looking up function 'cudaGetDeviceCount'");
            }
        };
        ModelRegistry registry = new ModelRegistry(loader, config);
        registry.loadAll();
        assertTrue(registry.startupFinished());
        assertFalse(registry.ready());
        for (Task task : Task.values()) {
            assertTrue(registry.failures().get(task).contains("cudaGetDeviceCount"), registry.failures().toString());
        }
    }
}
