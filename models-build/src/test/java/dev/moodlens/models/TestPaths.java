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

    /** Where the build unpacks the encoders. */
    public static Path encoders() {
        return Path.of(System.getProperty("moodlens.encoder.dir", "target/encoder"));
    }

    public static EncoderFiles encoder(Encoder encoder) {
        return new EncoderFiles(encoders(), encoder);
    }
}
