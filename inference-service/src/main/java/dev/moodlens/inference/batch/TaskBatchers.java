package dev.moodlens.inference.batch;

import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.inference.model.ModelLoader;
import dev.moodlens.models.runtime.Task;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/** One dynamic batcher (queue + worker threads) per task. */
@ApplicationScoped
public class TaskBatchers {

    private final Map<Task, DynamicBatcher> batchers = new EnumMap<>(Task.class);
    private final ScoreRounding rounding;

    public TaskBatchers(InferenceConfig config, ModelLoader loader, MeterRegistry meters) {
        BatchSettings settings = BatchSettings.from(config, loader.precision());
        this.rounding = settings.rounding();
        for (Task task : Task.values()) {
            batchers.put(task, new DynamicBatcher(task.id(), settings, meters));
        }
    }

    public ScoreRounding rounding() {
        return rounding;
    }

    public DynamicBatcher of(Task task) {
        return batchers.get(task);
    }

    @PreDestroy
    void close() {
        batchers.values().forEach(DynamicBatcher::close);
    }
}
