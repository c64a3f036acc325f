package dev.moodlens.inference.model;

import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.SequenceClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The models shipped as classpath resources {@code bundled-models/<name>/} in the models-bundled jar.
 * ONNX Runtime and the tokenizer read files, so a bundled model inside a jar is copied once per
 * process into a private temporary directory (files only: model objects never leave memory).
 * <p>
 * A native executable does not embed them (351 MB of image whose pages count against memory): it reads them
 * as files from {@code moodlens.inference.bundled-models-dir}, by default the {@code bundled-models}
 * directory beside the executable. The JVM reads that directory only when the key is set.
 */
@ApplicationScoped
public class BundledModels {

    private static final Logger LOG = Logger.getLogger(BundledModels.class);
    static final List<String> LAYOUT = ModelLayout.FILES;

    private final Map<String, Path> extracted = new ConcurrentHashMap<>();
    private final Optional<Path> filesDir;
    private volatile Path tempRoot;

    public BundledModels(InferenceConfig config) {
        this.filesDir = config.bundledModelsDir().filter(d -> !d.isBlank()).map(Path::of)
                .or(BundledModels::besideNativeExecutable);
    }

    /** The {@code bundled-models} directory beside a native executable; empty on the JVM. */
    static Optional<Path> besideNativeExecutable() {
        if (!"runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            return Optional.empty();
        }
        Optional<Path> executable;
        try {
            executable = Optional.of(Files.readSymbolicLink(Path.of("/proc/self/exe")));
        } catch (IOException | UnsupportedOperationException e) {
            executable = ProcessHandle.current().info().command().map(Path::of);
        }
        return executable.map(e -> e.toAbsolutePath().getParent().resolve("bundled-models"));
    }

    /** The directory of a bundled model, extracting it on first use. */
    public Path directory(String name) {
        return extracted.computeIfAbsent(name, this::locate);
    }

    private Path locate(String name) {
        if (filesDir.isPresent()) {
            Path dir = filesDir.get().resolve(name);
            if (!Files.isRegularFile(dir.resolve(ModelLayout.CONFIG))) {
                throw new IllegalStateException("bundled model " + name + " is not in " + filesDir.get()
                        + " (no " + ModelLayout.CONFIG + "); copy models-bundled's target/classes/bundled-models there");
            }
            LOG.infof("Bundled model %s read from %s", name, dir);
            return dir;
        }
        String base = ModelLayout.bundledResource(name);
        ClassLoader loader = loader();
        URL config = loader.getResource(base + ModelLayout.CONFIG);
        if (config == null) {
            throw new IllegalStateException("bundled model " + name + " is not on the classpath (" + base
                    + ModelLayout.CONFIG + "); build models-bundled first");
        }
        if ("file".equals(config.getProtocol())) {
            try {
                return Path.of(config.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            Path dir = tempRoot().resolve(name);
            for (String file : LAYOUT) {
                try (InputStream in = loader.getResourceAsStream(base + file)) {
                    if (in != null) {
                        Path target = dir.resolve(file);
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            LOG.infof("Bundled model %s extracted to %s", name, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract bundled model " + name, e);
        }
    }

    private synchronized Path tempRoot() throws IOException {
        if (tempRoot == null) {
            tempRoot = Files.createTempDirectory("moodlens-bundled-");
            Path root = tempRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "bundled-models-cleanup"));
        }
        return tempRoot;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SequenceClassifier.class.getClassLoader();
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
