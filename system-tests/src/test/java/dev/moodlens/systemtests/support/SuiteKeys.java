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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's token keys for a test run (README "Users and access"): a fresh RSA pair per signing service
 * (chat, analysis) written to temp files that the started services are given (each its own private key and
 * the public keys it trusts), or, against a suite started by ./moodlens up, the launcher's chat key
 * (MOODLENS_JWT_PRIVATE_KEY). Tokens are signed as the chat service signs them and cached per user for the run.
 */
public final class SuiteKeys {

    /** The services' names in tokens (common TokenNames; the service jars are not on this classpath). */
    public static final String CHAT = "moodlens-chat";
    public static final String ANALYSIS = "moodlens-analysis";
    public static final String INFERENCE = "moodlens-inference";
    private static final Set<String> USER_AUDIENCES = Set.of(CHAT, ANALYSIS, INFERENCE);
    private static final Set<String> SERVICE_AUDIENCES = Set.of(ANALYSIS, INFERENCE);

    private static SuiteKeys instance;

    private final Map<String, PrivateKey> privateKeys;
    private final Path dir;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private SuiteKeys(Map<String, PrivateKey> privateKeys, Path dir) {
        this.privateKeys = privateKeys;
        this.dir = dir;
    }

    /** Fresh key pairs for the services this test JVM starts. */
    public static synchronized SuiteKeys get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("moodlens-system-keys-");
                dir.toFile().deleteOnExit();
                Map<String, PrivateKey> keys = new ConcurrentHashMap<>();
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                for (String signer : List.of(CHAT, ANALYSIS)) {
                    KeyPair pair = generator.generateKeyPair();
                    Path priv = dir.resolve(signer + "-private.pem");
                    Path pub = dir.resolve(signer + "-public.pem");
                    Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                    Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                    priv.toFile().deleteOnExit();
                    pub.toFile().deleteOnExit();
                    keys.put(signer, pair.getPrivate());
                }
                instance = new SuiteKeys(keys, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** The launcher's chat key (MOODLENS_JWT_PRIVATE_KEY), to call a suite that ./moodlens up started. */
    public static synchronized SuiteKeys running() {
        String file = System.getenv("MOODLENS_JWT_PRIVATE_KEY");
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("MOODLENS_JWT_PRIVATE_KEY is not set (./moodlens load sets it)");
        }
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(Path.of(file)));
            instance = new SuiteKeys(Map.of(CHAT, key), null);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key settings of a started service ("inference", "analysis", "chat"): the public keys of the issuers it
     * takes tokens from and, for the services that sign, their own private key only.
     */
    public Map<String, String> serviceProperties(String service) {
        Map<String, String> properties = new java.util.TreeMap<>();
        properties.put("moodlens.access.trusted-issuers." + CHAT, publicKeyFile(CHAT).toString());
        switch (service) {
            case "inference" -> properties.put("moodlens.access.trusted-issuers." + ANALYSIS, publicKeyFile(ANALYSIS).toString());
            case "analysis" -> properties.put("smallrye.jwt.sign.key.location", dir.resolve(ANALYSIS + "-private.pem").toString());
            case "chat" -> properties.put("smallrye.jwt.sign.key.location", dir.resolve(CHAT + "-private.pem").toString());
            default -> throw new IllegalArgumentException(service);
        }
        return properties;
    }

    private Path publicKeyFile(String signer) {
        return dir.resolve(signer + "-public.pem");
    }

    /** A user token (their own journal and conversations only), as the chat service issues it. */
    public String user(String user) {
        return tokens.computeIfAbsent("user:" + user, k -> sign(CHAT, user, "user", USER_AUDIENCES));
    }

    /** A service token of the chat service (acts for the user a request names; never rate limited). */
    public String service() {
        return tokens.computeIfAbsent("service", k -> sign(CHAT, "system-tests", "service", SERVICE_AUDIENCES));
    }

    /** A token signed with the analysis service's key that claims a user (review finding 6: refused everywhere). */
    public String userSignedByAnalysis(String user) {
        return sign(ANALYSIS, user, "user", USER_AUDIENCES);
    }

    private String sign(String issuer, String upn, String group, Set<String> audiences) {
        return Jwt.issuer(issuer).audience(audiences).upn(upn).subject(upn).groups(group).expiresIn(6 * 3600)
                .sign(privateKeys.get(issuer));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
