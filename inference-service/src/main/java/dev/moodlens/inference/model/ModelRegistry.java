package dev.moodlens.inference.model;

import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.Task;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The serving model of each task, held in this process's memory only (never serialized, never cached
 * elsewhere). Loaded at startup, in the background so the startup probe can watch; swapped at runtime
 * by loading the new model, switching the reference, and retiring the old one (it closes when the last
 * batch using it is done).
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final ModelLoader loader;
    private final InferenceConfig config;
    private final Map<Task, AtomicReference<LoadedModel>> serving = new EnumMap<>(Task.class);
    private final Map<Task, String> failures = new ConcurrentHashMap<>();
    private final Map<Task, Object> swapLocks = new EnumMap<>(Task.class);
    private volatile boolean startupFinished;

    public ModelRegistry(ModelLoader loader, InferenceConfig config) {
        this.loader = loader;
        this.config = config;
        for (Task task : Task.values()) {
            serving.put(task, new AtomicReference<>());
            swapLocks.put(task, new Object());
        }
    }

    void onStart(@Observes StartupEvent event) {
        if ("prefetch".equals(config.mode())) {
            startupFinished = true;
            return;
        }
        if (config.loadBlocking()) {
            loadAll();
        } else {
            Thread loading = new Thread(this::loadAll, "model-startup-load");
            loading.setDaemon(true);
            loading.start();
        }
    }

    /** Loads every task's configured model (or its bundled fallback). */
    public void loadAll() {
        try {
            for (Task task : Task.values()) {
                try {
                    install(task, loader.loadOrFallback(task, loader.configured(task)));
                    failures.remove(task);
                } catch (RuntimeException | LinkageError e) {
                    // LinkageError too: a native library that cannot load (ONNX Runtime, the tokenizer, a missing
                    // libstdc++ in a minimal image) must fail readiness with its reason, not kill the loader thread.
                    LOG.errorf(e, "No model for %s", task.id());
                    failures.put(task, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        } finally {
            startupFinished = true;
        }
    }

    /**
     * A reference on the task's serving model; release it when the request is done.
     *
     * @throws ProblemException 503 while no model is loaded
     */
    public LoadedModel acquire(Task task) {
        AtomicReference<LoadedModel> ref = serving.get(task);
        for (int i = 0; i < 100; i++) {
            LoadedModel model = ref.get();
            if (model == null) {
                throw ProblemException.unavailable("the " + task.id() + " model is not loaded yet", 5);
            }
            if (model.tryAcquire()) {
                return model;
            }
            Thread.onSpinWait(); // swapped while we looked: the new one is already there
        }
        throw ProblemException.unavailable("the " + task.id() + " model is being swapped", 1);
    }

    /** Loads a new model for the task and swaps it in; the old one keeps serving until then. */
    public ModelInfo swap(Task task, ModelReference reference) {
        synchronized (swapLocks.get(task)) {
            LoadedModel fresh = loader.load(task, reference);
            install(task, fresh);
            failures.remove(task);
            return fresh.info();
        }
    }

    void install(Task task, LoadedModel model) {
        LoadedModel old = serving.get(task).getAndSet(model);
        if (old != null) {
            LOG.infof("%s: %s@%s replaced by %s@%s", task.id(), old.info().id(), old.info().revision(),
                    model.info().id(), model.info().revision());
            old.retire();
        }
    }

    public Optional<ModelInfo> info(Task task) {
        return Optional.ofNullable(serving.get(task).get()).map(LoadedModel::info);
    }

    public boolean ready() {
        return serving.values().stream().allMatch(r -> r.get() != null);
    }

    public boolean startupFinished() {
        return startupFinished;
    }

    public Map<Task, String> failures() {
        return new LinkedHashMap<>(failures);
    }

    @PreDestroy
    void close() {
        serving.values().forEach(ref -> {
            LoadedModel model = ref.getAndSet(null);
            if (model != null) {
                model.retire();
            }
        });
    }
}
