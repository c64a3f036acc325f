package dev.moodlens.models.head;

import java.util.List;

/** The two bundled classifiers: their model name and label order (the order of the logits). */
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

    /** Short name, used for the head file ({@code <id>.head.json}). */
    public String id() {
        return id;
    }

    /** Directory name of the assembled model, e.g. {@code moodlens-sentiment}. */
    public String modelName() {
        return modelName;
    }

    public List<String> labels() {
        return labels;
    }

    public String headFileName() {
        return id + ".head.json";
    }
}
