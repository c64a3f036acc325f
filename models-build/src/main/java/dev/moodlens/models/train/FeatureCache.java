package dev.moodlens.models.train;

import ai.onnxruntime.OrtException;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Keeps extracted features under target/ keyed by the sha-256 of the encoder, tokenizer and texts,
 * so retraining or the reproducibility test does not run the encoder twice over the same data.
 * A cache entry is a pure function of its key; deleting the directory only costs time.
 */
public final class FeatureCache {

    private final Path dir;
    private final FeatureExtractor extractor;
    private final byte[] encoderDigest;
    private final Encoder encoder;

    public FeatureCache(Path dir, EncoderFiles encoder, FeatureExtractor extractor) throws IOException {
        this.dir = dir;
        this.encoder = encoder.encoder();
        this.extractor = extractor;
        MessageDigest sha = sha256();
        digestFile(sha, encoder.fp32());
        digestFile(sha, encoder.tokenizer());
        sha.update(Integer.toString(EncoderFiles.MAX_LENGTH).getBytes(StandardCharsets.UTF_8));
        this.encoderDigest = sha.digest();
    }

    /**
     * The machine's feature cache: {@code MOODLENS_FEATURE_CACHE}, default {@code ~/.cache/moodlens/feature-cache}.
     * Per machine, not per checkout, like the tuned models: a clean clone (CI) reuses the frozen encoder's
     * features instead of spending minutes recomputing them (entries are keyed by encoder, tokenizer and texts).
     */
    public static Path machineDefault() {
        return MachineCache.dir("MOODLENS_FEATURE_CACHE", "feature-cache");
    }

    /** The encoder whose features this cache holds. */
    public Encoder encoder() {
        return encoder;
    }

    public Features features(List<String> texts) throws IOException, OrtException {
        MessageDigest sha = sha256();
        sha.update(encoderDigest);
        for (String t : texts) {
            sha.update(t.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        Path file = dir.resolve(HexFormat.of().formatHex(sha.digest()) + ".features");
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        Features f = extractor.extract(texts);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "features", ".tmp");
        write(f, tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return f;
    }

    private static void write(Features f, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(f.size());
            out.writeInt(f.pooled()[0].length);
            for (int i = 0; i < f.size(); i++) {
                for (float v : f.pooled()[i]) {
                    out.writeFloat(v);
                }
                out.writeInt(f.ids()[i].length);
                for (long id : f.ids()[i]) {
                    out.writeInt((int) id);
                }
            }
        }
    }

    private static Features read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = in.readInt();
            int dims = in.readInt();
            float[][] pooled = new float[n][dims];
            long[][] ids = new long[n][];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dims; d++) {
                    pooled[i][d] = in.readFloat();
                }
                ids[i] = new long[in.readInt()];
                for (int t = 0; t < ids[i].length; t++) {
                    ids[i][t] = in.readInt();
                }
            }
            return new Features(pooled, ids);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digestFile(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                sha.update(buffer, 0, r);
            }
        }
    }
}
