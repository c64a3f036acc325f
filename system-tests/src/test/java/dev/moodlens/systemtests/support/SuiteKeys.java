package dev.moodlens.systemtests.support;

import dev.moodlens.common.token.TokenIssuer;
import dev.moodlens.common.token.TokenKeys;
import dev.moodlens.common.token.TokenNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's token keys for a test run (README "Users and access"): a fresh RSA pair per signing service
 * (chat, analysis) written to temp files that the started services are given (each its own private key and
 * the public keys it trusts), or, against a suite started by ./moodlens up, the launcher's chat key
 * (MOODLENS_JWT_PRIVATE_KEY). Tokens are signed as the chat service signs them (common's TokenIssuer) and cached
 * per user for the run.
 */
public final class SuiteKeys {

    /** The services' names in tokens. */
    public static final String CHAT = TokenNames.CHAT;
    public static final String ANALYSIS = TokenNames.ANALYSIS;
    public static final String INFERENCE = TokenNames.INFERENCE;
    private static final Set<String> SERVICE_AUDIENCES = Set.of(ANALYSIS, INFERENCE);
    private static final Duration LIFETIME = Duration.ofHours(6);

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
                for (String signer : List.of(CHAT, ANALYSIS)) {
                    KeyPair pair = TokenKeys.generate();
                    Path priv = dir.resolve(signer + "-private.pem");
                    Path pub = dir.resolve(signer + "-public.pem");
                    TokenKeys.write(pair, priv, pub);
                    priv.toFile().deleteOnExit();
                    pub.toFile().deleteOnExit();
                    keys.put(signer, pair.getPrivate());
                }
                instance = new SuiteKeys(keys, dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
            instance = new SuiteKeys(Map.of(CHAT, TokenKeys.readPrivateKey(Path.of(file))), null);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return tokens.computeIfAbsent("user:" + user, k -> issuer(CHAT).user(user, LIFETIME));
    }

    /** A service token of the chat service (acts for the user a request names; never rate limited). */
    public String service() {
        return tokens.computeIfAbsent("service", k -> issuer(CHAT).service("system-tests", SERVICE_AUDIENCES, LIFETIME));
    }

    /** A token signed with the analysis service's key that claims a user (review finding 6: refused everywhere). */
    public String userSignedByAnalysis(String user) {
        return issuer(ANALYSIS).user(user, LIFETIME);
    }

    private TokenIssuer issuer(String name) {
        return new TokenIssuer(name, privateKeys.get(name));
    }
}
