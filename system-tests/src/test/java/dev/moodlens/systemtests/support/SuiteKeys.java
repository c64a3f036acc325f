package dev.moodlens.systemtests.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's token keys for a test run: a fresh RSA pair written to temp files that the started services
 * are given (public key to verify, private key to sign), or, against a suite started by ./moodlens up, the
 * launcher's private key (MOODLENS_JWT_PRIVATE_KEY). Tokens are cached per user for the run.
 */
public final class SuiteKeys {

    public static final String ISSUER = "moodlens";
    private static SuiteKeys instance;

    private final PrivateKey privateKey;
    private final Path privateFile;
    private final Path publicFile;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private SuiteKeys(PrivateKey privateKey, Path privateFile, Path publicFile) {
        this.privateKey = privateKey;
        this.privateFile = privateFile;
        this.publicFile = publicFile;
    }

    /** A fresh key pair for the services this test JVM starts. */
    public static synchronized SuiteKeys get() {
        if (instance == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path dir = Files.createTempDirectory("moodlens-system-keys-");
                Path priv = dir.resolve("jwt-private.pem");
                Path pub = dir.resolve("jwt-public.pem");
                Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                priv.toFile().deleteOnExit();
                pub.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                instance = new SuiteKeys(pair.getPrivate(), priv, pub);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The launcher's key (MOODLENS_JWT_PRIVATE_KEY), to call a suite that ./moodlens up started. */
    public static synchronized SuiteKeys running() {
        String file = System.getenv("MOODLENS_JWT_PRIVATE_KEY");
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("MOODLENS_JWT_PRIVATE_KEY is not set (./moodlens load sets it)");
        }
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Path.of(file)));
            instance = new SuiteKeys(key, Path.of(file), null);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path privateKeyFile() {
        return privateFile;
    }

    public Path publicKeyFile() {
        return publicFile;
    }

    /** A user token (their own journal and conversations only). */
    public String user(String user) {
        return tokens.computeIfAbsent("user:" + user, k -> sign(user, "user"));
    }

    /** A service token (acts for the user a request names; never rate limited). */
    public String service() {
        return tokens.computeIfAbsent("service", k -> sign("system-tests", "service"));
    }

    private String sign(String upn, String group) {
        return Jwt.upn(upn).subject(upn).groups(group).issuer(ISSUER).expiresIn(6 * 3600).sign(privateKey);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
