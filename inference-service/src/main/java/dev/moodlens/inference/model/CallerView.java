package dev.moodlens.inference.model;

import dev.moodlens.models.runtime.Task;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What callers (API answers, readiness data) may learn about the models: ids, revisions, labels, precision,
 * but no local filesystem path and no hint whether one exists. The log keeps the full messages (review
 * finding 16): a path tells a caller where the cache and the models live, and an error that differs between
 * "missing" and "not a model" lets an admin caller probe the filesystem.
 */
public final class CallerView {

    /** Said instead of a failure's message; the message itself is in the log. */
    public static final String SEE_LOG = "the service log says why";

    /**
     * Absolute or home/dot-relative paths, also as file: URIs. A slash right after a word character, a colon or
     * another slash is part of a URL or a Hub id (https://host/org/name, hf://org/name, org/name) and stays.
     */
    private static final Pattern LOCAL_PATH = Pattern.compile("(?<![\\w:/.~-])(?:file:)?(?:~|\\.{1,2})?/[^\\s'\"`,;()<>\\[\\]{}]+");

    private CallerView() {
    }

    /** The text with every local path replaced by {@code <path>}. */
    public static String withoutPaths(String text) {
        return text == null ? null : LOCAL_PATH.matcher(text).replaceAll("<path>");
    }

    /** A model reference as callers see it: Hub and bundled references as written, a directory by its name only. */
    public static String reference(ModelReference reference) {
        if (reference instanceof ModelReference.Local local) {
            java.nio.file.Path name = local.dir().toAbsolutePath().normalize().getFileName();
            return "local:" + (name == null ? "" : name);
        }
        return reference.text();
    }

    /** Why a task has no model: still loading, or failed (the reason is in the log). */
    public static String missing(Task task, Map<Task, String> failures) {
        return failures.containsKey(task) ? "failed to load; " + SEE_LOG : "loading";
    }
}
