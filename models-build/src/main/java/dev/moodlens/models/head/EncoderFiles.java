package dev.moodlens.models.head;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one {@link Encoder} as unpacked by the build from its langchain4j jars into target/encoder
 * (the bundled models name theirs in their committed adapters).
 */
public record EncoderFiles(Path dir, Encoder encoder) {

    /** Tokens per text, as in the bundled tokenizer_config.json; training, the graph and serving agree. */
    public static final int MAX_LENGTH = 256;
    public static final int VOCAB_SIZE = 30522;

    /** The directory from system property moodlens.encoder.dir, else models-build/target/encoder. */
    public static EncoderFiles locate(Encoder encoder) {
        return new EncoderFiles(ModelsBuildPaths.of("moodlens.encoder.dir", "target/encoder"), encoder);
    }

    public Path fp32() {
        return dir.resolve(encoder.fileStem() + ".onnx");
    }

    public Path quantized() {
        return dir.resolve(encoder.fileStem() + "-q.onnx");
    }

    public Path tokenizer() {
        return dir.resolve(encoder.fileStem() + "-tokenizer.json");
    }

    public boolean present() {
        return Files.isRegularFile(fp32()) && Files.isRegularFile(quantized()) && Files.isRegularFile(tokenizer());
    }
}
