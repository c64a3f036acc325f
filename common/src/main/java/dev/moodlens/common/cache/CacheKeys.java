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
    /** One initialised Mac per thread: a lookup of 512 keys does not look the algorithm up 512 times. */
    private final ThreadLocal<Mac> macs;

    public CacheKeys(String secret) {
        byte[] key;
        if (secret == null || secret.isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** The Redis key of {@code key} in {@code namespace}. */
    public String of(String namespace, String key) {
        Mac mac = macs.get(); // doFinal resets it for the next key
        mac.update(namespace.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return PREFIX + namespace + ":" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }
}
