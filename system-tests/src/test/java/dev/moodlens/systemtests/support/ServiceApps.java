package dev.moodlens.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built service applications ({@code <service>-service/target/quarkus-app}). Each is copied once per
 * run into target/apps, so that a rebuild of a service while the tests run cannot pull jars from under a
 * running process.
 */
public final class ServiceApps {

    private static final Map<String, Path> COPIES = new HashMap<>();

    private ServiceApps() {
    }

    public static Path root() {
        String configured = System.getProperty("moodlens.root");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        // exec:java runs in Maven's JVM from the project root; failsafe sets moodlens.root
        return Paths.get(Files.isDirectory(Paths.get("system-tests")) ? "." : "..").toAbsolutePath().normalize();
    }

    public static Path target() {
        return root().resolve("system-tests/target");
    }

    public static synchronized Path runJar(String service) {
        Path copy = COPIES.computeIfAbsent(service, ServiceApps::copy);
        return copy.resolve("quarkus-run.jar");
    }

    private static Path copy(String service) {
        Path source = root().resolve(service + "-service/target/quarkus-app");
        if (!Files.isRegularFile(source.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(source + " has no quarkus-run.jar: build the services first "
                    + "(mvn -B -q install -DskipTests)");
        }
        Path destination = target().resolve("apps/" + service);
        try {
            if (Files.exists(destination)) {
                try (Stream<Path> old = Files.walk(destination)) {
                    old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = destination.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + source, e);
        }
        return destination;
    }
}
