package dev.moodlens.inference.model;

import dev.moodlens.inference.hub.HubRepo;
import dev.moodlens.models.runtime.Task;

import java.nio.file.Path;

/**
 * Where a model comes from: {@code hf://org/name@revision} (revision defaults to {@code main}),
 * {@code bundled:name} (a directory shipped in the models-bundled jar) or a filesystem path.
 */
public sealed interface ModelReference {

    static ModelReference parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty model reference");
        }
        String v = value.trim();
        if (v.startsWith("hf://")) {
            String rest = v.substring("hf://".length());
            int at = rest.lastIndexOf('@');
            String id = at < 0 ? rest : rest.substring(0, at);
            String revision = at < 0 ? "main" : rest.substring(at + 1);
            return new Hub(new HubRepo(id, revision));
        }
        if (v.startsWith("bundled:")) {
            String name = v.substring("bundled:".length());
            if (!name.matches("[\\w.-]+")) {
                throw new IllegalArgumentException("not a bundled model name: " + name);
            }
            return new Bundled(name);
        }
        return new Local(Path.of(v.startsWith("file:") ? v.substring("file:".length()) : v));
    }

    /** The task's model that ships in the models-bundled jar and serves when nothing else can. */
    static ModelReference bundledDefault(Task task) {
        return new Bundled(task.modelName());
    }

    /** The reference as written in config. */
    String text();

    record Hub(HubRepo repo) implements ModelReference {
        public String text() {
            return "hf://" + repo.id() + "@" + repo.revision();
        }
    }

    record Bundled(String name) implements ModelReference {
        public String text() {
            return "bundled:" + name;
        }
    }

    record Local(Path dir) implements ModelReference {
        public String text() {
            return dir.toString();
        }
    }
}
