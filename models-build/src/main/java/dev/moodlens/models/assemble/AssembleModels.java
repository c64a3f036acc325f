package dev.moodlens.models.assemble;

import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.quantize.BundledInt8Ranges;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Assembles the bundled models (encoder from Maven + committed heads) into
 * {@code <out>/moodlens-sentiment} and {@code <out>/moodlens-emotion}. Run by the build at
 * process-classes; skips when the stamp of its inputs (encoder files' sha-256, head files, recorded
 * scores, {@link #VERSION}) matches the one written by the last assembly.
 * <pre>
 * AssembleModels --encoders DIR --heads DIR --out DIR [--force]
 * </pre>
 */
public final class AssembleModels {

    /** Bump when the assembler's output changes for the same inputs. */
    static final String VERSION = "2";
    static final String STAMP = ".inputs.sha256";

    private AssembleModels() {
    }

    /** The command line; models-bundled's build runs it. */
    @Command(name = "AssembleModels", mixinStandardHelpOptions = true,
            description = "Assembles the bundled model directories from the encoder files and the committed heads.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--encoders", required = true, paramLabel = "DIR", description = "the unpacked encoders (models-build/target/encoder)")
        Path encoders;
        @Option(names = "--heads", required = true, paramLabel = "DIR", description = "the committed heads (models-build/src/main/heads)")
        Path heads;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the model directories go")
        Path out;
        @Option(names = "--force", description = "assemble even when the stamp of the inputs is unchanged")
        boolean force;

        @Override
        public Integer call() throws IOException {
            long start = System.nanoTime();
            boolean done = assemble(new EncoderFiles(encoders), heads, out, force);
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

    /** Returns false when the output was already up to date. */
    public static boolean assemble(EncoderFiles encoder, Path heads, Path out, boolean force) throws IOException {
        if (!encoder.present()) {
            throw new IOException("encoder files missing in " + encoder.dir() + " (maven-dependency-plugin unpack)");
        }
        String stamp = stamp(encoder, heads);
        Path stampFile = out.resolve(STAMP);
        if (!force && Files.isRegularFile(stampFile)
                && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp) && complete(out)) {
            return false;
        }
        Files.deleteIfExists(stampFile);
        ModelDirectoryWriter writer = new ModelDirectoryWriter(encoder);
        ModelCard card = ModelCard.from(heads);
        Map<String, float[]> int8Ranges = BundledInt8Ranges.read(heads);
        for (Task task : Task.values()) {
            Head head = HeadFile.read(HeadFile.path(heads, task));
            Path dir = out.resolve(task.modelName());
            ModelFiles.deleteRecursively(dir);
            writer.write(head, card, dir, int8Ranges);
        }
        // last, so an interrupted assembly is redone by the next build
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        return true;
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

    static String stamp(EncoderFiles encoder, Path heads) throws IOException {
        StringBuilder s = new StringBuilder("assembler " + VERSION + "\n");
        for (Path f : new Path[]{encoder.fp32(), encoder.quantized(), encoder.tokenizer()}) {
            s.append(ModelFiles.sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        for (Task task : Task.values()) {
            Path f = HeadFile.path(heads, task);
            s.append(ModelFiles.sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        Path ranges = heads.resolve(BundledInt8Ranges.FILE);
        s.append(Files.isRegularFile(ranges) ? ModelFiles.sha256(ranges) : "none").append("  ").append(BundledInt8Ranges.FILE).append('\n');
        Path scores = heads.resolve(ModelCard.SCORES_FILE);
        s.append(Files.isRegularFile(scores) ? ModelFiles.sha256(scores) : "none").append("  ").append(ModelCard.SCORES_FILE).append('\n');
        return s.toString();
    }
}
