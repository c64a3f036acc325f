package dev.moodlens.models.tune;

import dev.moodlens.models.assemble.AssembleModels;
import dev.moodlens.models.assemble.ModelFiles;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.ModelsBuildPaths;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The bundled models as a tier's ensemble member: assembled from the committed adapters, heads and int8 ranges
 * ({@code models-build/src/main/heads}) and the encoder files, as the build assembles them, into the tuned-model
 * cache under a hash of those inputs ({@code moodlens-bundled-<hash>/moodlens-<task>}). Nothing is trained: a
 * change of the committed files is a new entry, and with it a new ensemble.
 */
final class BundledMember {

    private final Path cache;
    private final Path heads;
    private final PrintStream log;
    /** The assembler's stamp of the committed files and the encoder, once per command: it reads about 170 MB. */
    private String stamp;

    BundledMember(Path cache, Path heads, PrintStream log) {
        this.cache = cache;
        this.heads = heads;
        this.log = log;
    }

    /** The committed files: system property moodlens.heads.dir, else models-build/src/main/heads under moodlens.root. */
    static Path committedHeads() {
        return ModelsBuildPaths.of("moodlens.heads.dir", "src/main/heads");
    }

    /** Where the bundled model of a task lives for the current committed files. */
    Path directory(Task task) throws IOException {
        return assembly().resolve(task.modelName());
    }

    /** The bundled model of a task, assembled first when the cache lacks it (once across processes). */
    Path assembleIfMissing(Task task) throws IOException {
        Path out = assembly();
        SingleFlight.once(cache.resolve(".locks").resolve(out.getFileName() + ".lock"), out.resolve(AssembleModels.STAMP),
                "bundled models", log, () -> {
                    AssembleModels.assemble(encoders(), heads, out, false, stamp());
                    log.printf("bundled models: assembled from %s into %s%n", heads, out);
                });
        return out.resolve(task.modelName());
    }

    /** The assembly's directory: named by a hash of the stamp, so a change of the committed files is a new entry. */
    private Path assembly() throws IOException {
        return cache.resolve("moodlens-bundled-" + ModelFiles.sha256(stamp().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }

    private String stamp() throws IOException {
        if (stamp == null) {
            stamp = AssembleModels.stamp(encoders(), heads);
        }
        return stamp;
    }

    private static Path encoders() {
        return EncoderFiles.locate(TrainTunedModels.ADAPTED).dir();
    }
}
