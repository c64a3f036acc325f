package dev.moodlens.models.assemble;

import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.quantize.Int8RangesFile;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Assembles the bundled models (encoder from Maven + the committed adapters, head and int8 ranges of each task) into
 * {@code <out>/moodlens-sentiment} and {@code <out>/moodlens-emotion}. Run by the build at
 * process-classes; skips when the stamp of its inputs (encoder files' sha-256, committed files, recorded
 * scores, {@link #VERSION}) matches the one written by the last assembly.
 * <pre>
 * AssembleModels --encoders DIR --heads DIR --out DIR [--force]
 * </pre>
 */
public final class AssembleModels {

    /** Bump when the assembler's output changes for the same inputs. */
    static final String VERSION = "3";
    public static final String STAMP = ".inputs.sha256";

    private AssembleModels() {
    }

    /** The command line; models-bundled's build runs it. */
    @Command(name = "AssembleModels", mixinStandardHelpOptions = true,
            description = "Assembles the bundled model directories from the encoder files and the committed adapters and heads.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--encoders", required = true, paramLabel = "DIR", description = "the unpacked encoders (models-build/target/encoder)")
        Path encoders;
        @Option(names = "--heads", required = true, paramLabel = "DIR", description = "the committed adapters, heads and int8 ranges (models-build/src/main/heads)")
        Path heads;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the model directories go")
        Path out;
        @Option(names = "--force", description = "assemble even when the stamp of the inputs is unchanged")
        boolean force;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            boolean done = assemble(encoders, heads, out, force);
            System.out.printf("[moodlens] bundled models in %s: %s (%.1f s)%n", out,
                    done ? "assembled" : "up to date, skipped", (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** Exits only on failure: the build runs it inside Maven's JVM. */
    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Returns false when the output was already up to date. {@code encoders}: the directory of the unpacked encoders. */
    public static boolean assemble(Path encoders, Path heads, Path out, boolean force) throws IOException {
        return assemble(encoders, heads, out, force, stamp(encoders, heads));
    }

    /** As above, with the {@link #stamp} of {@code encoders} and {@code heads} already computed (it reads 170 MB). */
    public static boolean assemble(Path encoders, Path heads, Path out, boolean force, String stamp) throws IOException {
        Path stampFile = out.resolve(STAMP);
        if (!force && Files.isRegularFile(stampFile)
                && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp) && complete(out)) {
            return false;
        }
        Files.deleteIfExists(stampFile);
        ModelCard card = ModelCard.from(heads);
        for (Task task : Task.values()) {
            EncoderAdapters adapters = EncoderAdapters.read(EncoderAdapters.path(heads, task));
            EncoderFiles files = encoderOf(encoders, adapters);
            Head head = HeadFile.read(HeadFile.path(heads, task));
            Path dir = out.resolve(task.modelName());
            ModelFiles.deleteRecursively(dir);
            new ModelDirectoryWriter(files).writeAdapted(task.modelName(), head, adapters,
                    Int8RangesFile.read(Int8RangesFile.path(heads, task)),
                    card.markdown(head, adapters, Files.readString(ModelCard.trainingCardPath(heads, task), StandardCharsets.UTF_8)), dir);
        }
        // last, so an interrupted assembly is redone by the next build
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        return true;
    }

    private static EncoderFiles encoderOf(Path encoders, EncoderAdapters adapters) throws IOException {
        EncoderFiles files = new EncoderFiles(encoders, adapters.encoder());
        if (!files.present()) {
            throw new IOException("encoder files missing in " + encoders + " (maven-dependency-plugin unpack)");
        }
        return files;
    }

    private static boolean complete(Path out) {
        for (Task task : Task.values()) {
            Path dir = out.resolve(task.modelName());
            for (String f : new String[]{ModelLayout.CONFIG, ModelLayout.TOKENIZER, ModelLayout.TOKENIZER_CONFIG,
                    ModelLayout.SPECIAL_TOKENS_MAP, ModelLayout.README, ModelLayout.ONNX_FP32, ModelLayout.ONNX_INT8}) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    return false;
                }
            }
        }
        return true;
    }

    public static String stamp(Path encoders, Path heads) throws IOException {
        StringBuilder s = new StringBuilder("assembler " + VERSION + "\n");
        Map<Path, String> hashes = new HashMap<>(); // both tasks adapt the same encoder: its 170 MB are read once
        for (Task task : Task.values()) {
            Path adapters = EncoderAdapters.path(heads, task);
            EncoderFiles files = encoderOf(encoders, EncoderAdapters.read(adapters));
            for (Path f : new Path[]{files.fp32(), files.quantized(), files.tokenizer(), adapters, HeadFile.path(heads, task),
                    Int8RangesFile.path(heads, task), ModelCard.trainingCardPath(heads, task)}) {
                if (!hashes.containsKey(f)) {
                    hashes.put(f, ModelFiles.sha256(f));
                }
                s.append(hashes.get(f)).append("  ").append(f.getFileName()).append('\n');
            }
        }
        Path scores = heads.resolve(ModelCard.SCORES_FILE);
        s.append(Files.isRegularFile(scores) ? ModelFiles.sha256(scores) : "none").append("  ").append(ModelCard.SCORES_FILE).append('\n');
        return s.toString();
    }
}
