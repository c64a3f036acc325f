package dev.moodlens.common.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Signs the suite's tokens: RS256 JWTs with iss = the signing service, aud = the services the token opens, upn and
 * sub = who acts, groups = one {@link Roles} group, iat, exp and a random jti. The one place a token is made: the
 * services' own tokens, chat's user tokens, the tests, the benchmarks and {@code ./moodlens token} ({@link TokenMain}).
 * JDK only, so that the launcher runs it with a bare {@code java} and no framework to start.
 */
public final class TokenIssuer {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = base64url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final PrivateKey key;

    /** Signs as {@code issuer} (a {@link TokenNames} service that signs) with that service's private key. */
    public TokenIssuer(String issuer, PrivateKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    /** A person's token, as the chat service issues it: group user, every service a person may call. */
    public String user(String user, Duration lifetime) {
        return sign(user, Roles.USER, TokenNames.USER_TOKEN_AUDIENCES, lifetime);
    }

    /** A token of the service (or tool) {@code name}, for calls to {@code audiences}; never rate limited. */
    public String service(String name, Collection<String> audiences, Duration lifetime) {
        return sign(name, Roles.SERVICE, audiences, lifetime);
    }

    /** A token for {@code upn} in {@code group}, taken only by the services named in {@code audiences}. */
    public String sign(String upn, String group, Collection<String> audiences, Duration lifetime) {
        long now = Instant.now().getEpochSecond();
        byte[] jti = new byte[12];
        RANDOM.nextBytes(jti);
        String claims = "{\"iss\":" + json(issuer)
                + ",\"aud\":[" + audiences.stream().map(TokenIssuer::json).collect(Collectors.joining(",")) + "]"
                + ",\"upn\":" + json(upn) + ",\"sub\":" + json(upn) + ",\"groups\":[" + json(group) + "]"
                + ",\"iat\":" + now + ",\"exp\":" + (now + lifetime.toSeconds())
                + ",\"jti\":\"" + HexFormat.of().formatHex(jti) + "\"}";
        String signed = HEADER + "." + base64url(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token with the key of " + issuer, e);
        }
    }

    private static String base64url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal (names are plain ASCII ids in practice; escaped anyway). */
    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
