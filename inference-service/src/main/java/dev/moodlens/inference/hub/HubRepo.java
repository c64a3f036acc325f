package dev.moodlens.inference.hub;

import java.util.regex.Pattern;

/** A Hub model repository at a revision (branch, tag or commit). */
public record HubRepo(String id, String revision) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][\\w.-]*(/[A-Za-z0-9][\\w.-]*)?");

    public HubRepo {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("not a Hub repository id: " + id);
        }
        if (revision == null || revision.isBlank() || revision.contains("..")) {
            throw new IllegalArgumentException("not a revision: " + revision);
        }
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
