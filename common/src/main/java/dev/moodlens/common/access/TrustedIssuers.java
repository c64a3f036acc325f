package dev.moodlens.common.access;

import dev.moodlens.common.token.Roles;
import dev.moodlens.common.token.TokenNames;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies a token with the public key of the issuer it names (review finding 6: one key per issuer, no
 * service holding another's private key). smallrye-jwt checks one issuer against one key set; here the
 * token's own {@code iss} picks the key, so a token verifies only with the key of the issuer it claims (the
 * signature covers the claim), and smallrye-jwt then checks the signature, expiry and audience as usual.
 * On top: only the issuer of user tokens ({@link TokenNames#USER_TOKEN_ISSUER}) may grant the user group,
 * so a service's key can mint service tokens and nothing else.
 */
final class TrustedIssuers {

    private static final Logger LOG = Logger.getLogger(TrustedIssuers.class);

    private final DefaultJWTParser parser;
    private final Map<String, PublicKey> keys;

    TrustedIssuers(DefaultJWTParser parser, Map<String, PublicKey> keys) {
        this.parser = parser;
        this.keys = Map.copyOf(keys);
    }

    /**
     * Reads each issuer's key. A key that cannot be read is left out (logged): that issuer's tokens are
     * refused, and the service still starts, so its health endpoints say what is wrong (fail closed).
     */
    static TrustedIssuers load(DefaultJWTParser parser, Map<String, String> locations) {
        Map<String, PublicKey> keys = new HashMap<>();
        locations.forEach((issuer, location) -> {
            try {
                String pem = ResourceUtils.readResource(location);
                if (pem == null) {
                    LOG.warnf("No public key of token issuer %s at %s: its tokens are refused", issuer, location);
                    return;
                }
                keys.put(issuer, KeyUtils.decodePublicKey(pem));
            } catch (Exception e) {
                LOG.warnf("Cannot read the public key of token issuer %s at %s (%s): its tokens are refused",
                        issuer, location, e.getMessage());
            }
        });
        return new TrustedIssuers(parser, keys);
    }

    JsonWebToken verify(String token) throws ParseException {
        // Unverified, only to pick the key: a changed iss no longer matches the signature.
        JsonWebToken claims = parser.parseOnly(token);
        String issuer = claims == null ? null : claims.getIssuer();
        PublicKey key = issuer == null ? null : keys.get(issuer);
        if (key == null) {
            throw new ParseException("tokens of issuer " + issuer + " are not taken here");
        }
        JsonWebToken jwt = parser.verify(token, key);
        if (jwt.getGroups().contains(Roles.USER) && !TokenNames.USER_TOKEN_ISSUER.equals(issuer)) {
            throw new ParseException("issuer " + issuer + " does not issue user tokens");
        }
        return jwt;
    }
}
