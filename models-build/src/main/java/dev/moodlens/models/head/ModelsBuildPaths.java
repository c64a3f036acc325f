package dev.moodlens.models.head;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this module's build inputs and outputs are when a command runs: a system property the build or the launcher
 * sets, else the path under models-build of the project at {@code moodlens.root} (or under moodlens.root itself when
 * that is the module, as in its own tests).
 */
public final class ModelsBuildPaths {

    private ModelsBuildPaths() {
    }

    /** The project checkout: system property {@code moodlens.root} (the launcher sets it), else the working directory. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("moodlens.root", ".")).toAbsolutePath();
    }

    /** The directory named by {@code property}, else {@code relative} under the models-build module. */
    public static Path of(String property, String relative) {
        String dir = System.getProperty(property);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        Path root = projectRoot();
        Path module = Files.isDirectory(root.resolve("models-build")) ? root.resolve("models-build") : root;
        return module.resolve(relative);
    }
}
