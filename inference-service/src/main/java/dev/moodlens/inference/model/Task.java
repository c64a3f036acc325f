package dev.moodlens.inference.model;

import java.util.Locale;

/** What a model answers; each task has exactly one serving model at a time. */
public enum Task {
    SENTIMENT("moodlens-sentiment"),
    EMOTION("moodlens-emotion");

    private final String bundledName;

    Task(String bundledName) {
        this.bundledName = bundledName;
    }

    /** The model that ships inside models-onnx and serves when nothing else can. */
    public ModelReference bundledDefault() {
        return ModelReference.parse("bundled:" + bundledName);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task parse(String s) {
        for (Task t : values()) {
            if (t.key().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + s + "' (sentiment or emotion)");
    }
}
