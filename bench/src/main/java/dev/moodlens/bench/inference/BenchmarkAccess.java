package dev.moodlens.bench.inference;

import dev.moodlens.common.token.TokenIssuer;
import dev.moodlens.common.token.TokenKeys;
import dev.moodlens.common.token.TokenNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

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
                Files.writeString(publicKeyFile, TokenKeys.pem("PUBLIC KEY", keys().getPublic().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the benchmark's public key", e);
            }
        }
        return publicKeyFile;
    }

    synchronized String serviceToken() {
        if (token == null) {
            token = new TokenIssuer(ISSUER, keys().getPrivate())
                    .service("inference-benchmark", List.of(TokenNames.INFERENCE), Duration.ofHours(12));
        }
        return token;
    }

    private KeyPair keys() {
        if (keys == null) {
            keys = TokenKeys.generate();
        }
        return keys;
    }
}
