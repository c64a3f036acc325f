package dev.moodlens.inference.hub;

import java.util.regex.Pattern;

/** A Hub model repository at a revision (branch, tag or commit). */
public record HubRepo(String id, String revision) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][\\w.-]*(/[A-Za-z0-9][\\w.-]*)?");
    /**
     * A revision becomes a file name in the cache ({@code refs/<revision>}), so only a plain name passes:
     * no separator, no leading dot, no "..", never a path (finding 5). Commits are 40 hex, which this covers.
     */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public HubRepo {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("not a Hub repository id: " + id);
        }
        if (!isSafeName(revision)) {
            throw new IllegalArgumentException("not a revision (a branch, tag or 40-hex commit: letters, digits, "
                    + "'.', '_', '-', at most 128): " + revision);
        }
    }

    /** A name that can be one path element of the cache (a revision, an ETag): never a path, "." or "..". */
    public static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    public boolean pinned() {
        return isCommit(revision);
    }

    public static boolean isCommit(String revision) {
        return revision != null && COMMIT.matcher(revision).matches();
    }

    /** huggingface_hub's folder name: models--org--name. */
    public String folderName() {
        return "models--" + id.replace("/", "--");
    }

    @Override
    public String toString() {
        return id + "@" + revision;
    }
}
