package dev.moodlens.models.runtime;

import java.util.List;

/**
 * The two tasks of the suite: what a model answers, the name of its bundled model and its label order (the
 * order of the bundled models' logits). One definition for the services and the build; each task has exactly
 * one serving model at a time.
 */
public enum Task {
    SENTIMENT("sentiment", "moodlens-sentiment", List.of("negative", "neutral", "positive")),
    EMOTION("emotion", "moodlens-emotion", List.of("sadness", "joy", "love", "anger", "fear", "surprise"));

    private final String id;
    private final String modelName;
    private final List<String> labels;

    Task(String id, String modelName, List<String> labels) {
        this.id = id;
        this.modelName = modelName;
        this.labels = labels;
    }

    /** Short lower-case name, as in the API ({@code sentiment}, {@code emotion}) and the head file names. */
    public String id() {
        return id;
    }

    /** Directory name of the bundled model, e.g. {@code moodlens-sentiment} ({@link ModelLayout#bundledResource}). */
    public String modelName() {
        return modelName;
    }

    /** Label order of the bundled model's logits. */
    public List<String> labels() {
        return labels;
    }

    /** The task named {@code s} (case ignored). */
    public static Task parse(String s) {
        for (Task t : values()) {
            if (t.id.equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + s + "' (sentiment or emotion)");
    }
}
