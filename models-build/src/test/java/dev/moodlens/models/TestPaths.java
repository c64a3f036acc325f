package dev.moodlens.models;

import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;

import java.nio.file.Path;

/** Where the build puts things; surefire passes the same system properties as the exec executions. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path bundled() {
        return Path.of(System.getProperty("moodlens.bundled.dir", "target/classes/bundled-models"));
    }

    public static Path heads() {
        return Path.of(System.getProperty("moodlens.heads.dir", "src/main/heads"));
    }

    /** The bundled models' encoder. */
    public static EncoderFiles encoder() {
        return encoder(EncoderFiles.BUNDLED);
    }

    public static EncoderFiles encoder(Encoder encoder) {
        return new EncoderFiles(Path.of(System.getProperty("moodlens.encoder.dir", "target/encoder")), encoder);
    }
}
