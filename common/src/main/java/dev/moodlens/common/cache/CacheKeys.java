package dev.moodlens.common.cache;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Redis key names: {@code moodlens:v1:<namespace>:<HMAC-SHA256(secret, key)>}. Keys carry user ids and
 * fingerprints of journal text; keyed with a secret from configuration, what someone with a view of Redis
 * sees can neither be guessed from a text nor read as a user id (review finding 17). Services that share
 * cache entries (replicas, rolling restarts) share the secret ({@code moodlens.cache.key-secret});
 * without one each process draws its own, so entries live only as long as the process.
 */
public final class CacheKeys {

    static final String PREFIX = "moodlens:v1:";
    private final byte[] secret;

    public CacheKeys(String secret) {
        if (secret == null || secret.isBlank()) {
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        } else {
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The Redis key of {@code key} in {@code namespace}. */
    public String of(String namespace, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(namespace.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return PREFIX + namespace + ":" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
