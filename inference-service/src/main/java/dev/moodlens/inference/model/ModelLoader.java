package dev.moodlens.inference.model;

import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.inference.hub.HubClient;
import dev.moodlens.inference.hub.HubRepo;
import dev.moodlens.inference.hub.HubSnapshot;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a model reference into a model in memory: files from the Hub (cache first), a directory or the
 * bundled jar; then the tokenizer and ONNX Runtime session. A configured model that cannot be had
 * falls back to the task's bundled default, and says why.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);
    private static final List<String> REQUIRED = ModelLayout.REQUIRED;
    private static final List<String> OPTIONAL = List.of(ModelLayout.TOKENIZER_CONFIG, ModelLayout.SPECIAL_TOKENS_MAP);

    private final HubClient hub;
    private final BundledModels bundled;
    private final InferenceConfig config;
    private final MeterRegistry meters;
    private final HardwareTier tier;

    public ModelLoader(HubClient hub, BundledModels bundled, InferenceConfig config, MeterRegistry meters) {
        this.hub = hub;
        this.bundled = bundled;
        this.config = config;
        this.meters = meters;
        this.tier = HardwareTier.choose(config.tier());
    }

    public HardwareTier tier() {
        return tier;
    }

    public Precision precision() {
        String p = config.precision().trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "fp32" -> Precision.FP32;
            case "int8" -> Precision.INT8;
            default -> tier.defaultPrecision();
        };
    }

    /** The configured reference of a task for this tier (tier override, else the all-tier value, else bundled). */
    public ModelReference configured(Task task) {
        InferenceConfig.TaskModels models = task == Task.SENTIMENT ? config.sentiment() : config.emotion();
        var perTier = switch (tier) {
            case LOW -> models.modelLow();
            case STANDARD -> models.modelStandard();
            case HIGH -> models.modelHigh();
        };
        return perTier.or(models::model).filter(s -> !s.isBlank()).map(ModelReference::parse)
                .orElse(ModelReference.bundledDefault(task));
    }

    /** Loads the reference, or the task's bundled default when the reference cannot be had. */
    public LoadedModel loadOrFallback(Task task, ModelReference reference) {
        try {
            return load(task, reference);
        } catch (RuntimeException e) {
            if (reference.equals(ModelReference.bundledDefault(task))) {
                throw e;
            }
            String reason = reference.text() + " unavailable: " + e.getMessage();
            LOG.warnf("%s: %s; serving the bundled default", task.id(), reason);
            return load(task, ModelReference.bundledDefault(task), reference, reason);
        }
    }

    /** Loads exactly this reference, or throws. */
    public LoadedModel load(Task task, ModelReference reference) {
        return load(task, reference, reference, null);
    }

    private LoadedModel load(Task task, ModelReference reference, ModelReference configured, String fallbackReason) {
        long start = System.nanoTime();
        Fetched files = fetch(reference, precision());
        double downloadSeconds = (System.nanoTime() - start) / 1e9;
        long loadStart = System.nanoTime();
        ModelDirectory directory = ModelDirectory.open(files.dir());
        Path onnx = directory.onnx(precision());
        SequenceClassifier classifier = SequenceClassifier.open(directory, precision(),
                config.intraOpThreadsPerSession(precision()), config.intraOpSpinning());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String sha256 = sha256(onnx);
        String revision = files.revision() != null ? files.revision() : sha256.substring(0, 12);
        Precision used = onnx.getFileName().toString().contains("quantized") ? Precision.INT8 : Precision.FP32;
        ModelInfo info = new ModelInfo(task.id(), files.id(), revision, files.source().key(), configured.text(),
                tier.key(), used.name().toLowerCase(Locale.ROOT), files.dir().relativize(onnx).toString(), sha256,
                directory.labels(), directory.maxLength(), Instant.now(), round(downloadSeconds),
                round(loadSeconds), fallbackReason);
        Timer.builder("moodlens.model.download").tag("model", files.id()).tag("source", files.source().key())
                .register(meters).record(Duration.ofNanos(loadStart - start));
        Timer.builder("moodlens.model.load").tag("model", files.id()).register(meters)
                .record(Duration.ofNanos(System.nanoTime() - loadStart));
        LOG.infof("%s model %s@%s loaded from %s (%s, %s) in %.2f s", task.id(), info.id(), info.revision(),
                info.source(), info.tier(), info.precision(), loadSeconds + downloadSeconds);
        return new LoadedModel(classifier, info);
    }

    /** Only fetches the files (prefetch mode): nothing is loaded. */
    public Path prefetch(ModelReference reference) {
        return fetch(reference, precision()).dir();
    }

    private record Fetched(Path dir, String id, String revision, ModelSource source) {
    }

    private Fetched fetch(ModelReference reference, Precision precision) {
        if (reference instanceof ModelReference.Hub h) {
            HubSnapshot snapshot = hubSnapshot(h.repo(), precision);
            return new Fetched(snapshot.dir(), h.repo().id(), snapshot.commit(),
                    snapshot.fromCache() ? ModelSource.HUB_CACHE : ModelSource.HUB);
        }
        if (reference instanceof ModelReference.Bundled b) {
            return new Fetched(bundled.directory(b.name()), b.name(), null, ModelSource.BUNDLED);
        }
        ModelReference.Local local = (ModelReference.Local) reference;
        if (!Files.isDirectory(local.dir())) {
            throw new IllegalArgumentException("model directory " + local.dir() + " does not exist");
        }
        return new Fetched(local.dir(), local.dir().getFileName().toString(), null, ModelSource.PATH);
    }

    private HubSnapshot hubSnapshot(HubRepo repo, Precision precision) {
        String fp32 = ModelLayout.ONNX_FP32;
        String int8 = ModelLayout.ONNX_INT8;
        if (precision == Precision.INT8) {
            HubSnapshot first = hub.snapshot(repo, REQUIRED, concat(OPTIONAL, int8));
            if (Files.isRegularFile(first.dir().resolve(int8))) {
                return first;
            }
            LOG.infof("%s has no %s; using %s", repo, int8, fp32);
            HubRepo pinned = new HubRepo(repo.id(), first.commit());
            return hub.snapshot(pinned, concat(REQUIRED, fp32), OPTIONAL);
        }
        return hub.snapshot(repo, concat(REQUIRED, fp32), OPTIONAL);
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }

    /** The blob name is the sha256 for LFS files in the Hub cache; other files are hashed once. */
    private static String sha256(Path onnx) {
        try {
            if (Files.isSymbolicLink(onnx)) {
                String blob = Files.readSymbolicLink(onnx).getFileName().toString();
                if (blob.matches("[0-9a-f]{64}")) {
                    return blob;
                }
            }
            return HubClient.sha256(onnx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + onnx, e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
