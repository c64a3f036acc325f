package dev.moodlens.bench.inference;

import dev.moodlens.common.access.Roles;
import dev.moodlens.common.access.TokenNames;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The benchmark's own access to a service it starts: a fresh RSA key pair per run, the public half written
 * to a temporary PEM file the service is told to trust as the key of {@link #ISSUER}, the private half
 * signing one service token for the inference service (service tokens are not rate-limited, so the load is
 * not throttled). Nothing is read from or written to the suite's real keys.
 */
final class BenchmarkAccess {

    /** The issuer the benchmark signs as: the one the service it starts trusts with the benchmark's key. */
    static final String ISSUER = TokenNames.CHAT;

    private KeyPair keys;
    private Path publicKeyFile;
    private String token;

    synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("moodlens-bench-jwt-", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the benchmark's public key", e);
            }
        }
        return publicKeyFile;
    }

    synchronized String serviceToken() {
        if (token == null) {
            token = Jwt.issuer(ISSUER).audience(TokenNames.INFERENCE).upn("inference-benchmark").subject("inference-benchmark")
                    .groups(Roles.SERVICE).expiresIn(Duration.ofHours(12)).sign(keys().getPrivate());
        }
        return token;
    }

    private KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no RSA in this JVM", e);
            }
        }
        return keys;
    }
}
