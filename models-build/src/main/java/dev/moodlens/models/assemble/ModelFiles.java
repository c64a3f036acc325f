package dev.moodlens.models.assemble;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * File steps shared by the commands that build model directories (the assembler and the tuner): content
 * hashes for their input keys, and clearing a directory before it is rebuilt.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Hex sha-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = digest();
            byte[] buffer = new byte[1 << 16];
            int r;
            while ((r = in.read(buffer)) > 0) {
                sha.update(buffer, 0, r);
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Hex sha-256 of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Deletes a directory tree; nothing happens when it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
