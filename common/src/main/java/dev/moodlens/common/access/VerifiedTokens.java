package dev.moodlens.common.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * The bearer-token verifier of every service, verifying each token once. A client sends the same token
 * with every request for the token's lifetime, and parsing it (two JSON documents, base64) and checking
 * its RS256 signature took most of the event loop's CPU under load (JFR, inference service, 64 clients).
 * The exact token string is the cache key, so a cached answer is the one a fresh verification would give
 * until the token expires; an expired token is verified afresh (and refused by smallrye-jwt). Failures
 * are never cached. Each token is verified with the key of its issuer ({@link TrustedIssuers}); everything
 * else is smallrye-jwt's own {@link DefaultJWTParser}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** Distinct live tokens remembered; beyond it the least used are verified again when they come back. */
    static final int CAPACITY = 4096;

    /** One verification of a token, without the cache. */
    interface Verification {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final DefaultJWTParser verifier;
    private final Verification verification;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(CAPACITY)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    @Inject
    VerifiedTokens(DefaultJWTParser verifier, AccessConfig config) {
        this(verifier, TrustedIssuers.load(verifier, config.trustedIssuers())::verify);
    }

    VerifiedTokens(DefaultJWTParser verifier, Verification verification) {
        this.verifier = verifier;
        this.verification = verification;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && !expired(known)) {
            return known;
        }
        JsonWebToken jwt = verification.verify(token);
        verified.put(token, jwt);
        return jwt;
    }

    private static boolean expired(JsonWebToken jwt) {
        long exp = jwt.getExpirationTime();
        return exp <= 0 || System.currentTimeMillis() / 1000 >= exp;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
