package dev.moodlens.common.access;

import dev.moodlens.common.token.TokenIssuer;
import dev.moodlens.common.token.TokenKeys;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * This service as a token issuer: its name in tokens ({@code moodlens.access.name}) and its own private key, the
 * standard smallrye-jwt setting {@code smallrye.jwt.sign.key.location} (a file, or a classpath resource in tests).
 * The key is read on first use, as smallrye-jwt read it: the inference service signs nothing and has no key.
 */
@ApplicationScoped
public class SigningKey {

    private final String name;
    private final Optional<String> location;
    private volatile TokenIssuer issuer;

    public SigningKey(AccessConfig config, @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> location) {
        this.name = config.name();
        this.location = location;
    }

    /** Signs as this service with its key. */
    public TokenIssuer issuer() {
        TokenIssuer current = issuer;
        if (current == null) {
            String file = location.orElseThrow(() -> new IllegalStateException(
                    "smallrye.jwt.sign.key.location is not set: this service has no signing key"));
            try {
                // smallrye-jwt's resource rules: a file, else a classpath resource (or file:, classpath:, http)
                String pem = ResourceUtils.readResource(file);
                if (pem == null) {
                    throw new IllegalStateException("no such file or resource");
                }
                current = new TokenIssuer(name, TokenKeys.privateKey(pem));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read this service's signing key " + file, e);
            }
            issuer = current;
        }
        return current;
    }
}
