package dev.moodlens.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, whether the tests run from the reactor root or from deploy/. */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("moodlens.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "deploy"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("deploy")) ? here : here.getParent();
    }

    public static Path deploy() {
        return root().resolve("deploy");
    }

    public static Path overlay(String name) {
        return deploy().resolve("k8s/overlays").resolve(name);
    }
}
