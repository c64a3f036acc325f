package dev.moodlens.common.access;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * Mints this service's own token (group {@link Roles#SERVICE}) with the signing key only the services
 * hold (smallrye.jwt.sign.key.location), and reuses it until half its lifetime is gone, so a call costs
 * no RSA signature.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant renewAt) {
    }

    private final String serviceName;
    private final Duration lifetime;
    private volatile Minted current;

    public ServiceTokens(@ConfigProperty(name = "quarkus.application.name") String serviceName, AccessConfig config) {
        this.serviceName = serviceName;
        this.lifetime = config.serviceTokenLifetime();
    }

    /** A valid service token. */
    public String token() {
        Minted minted = current;
        Instant now = Instant.now();
        if (minted == null || now.isAfter(minted.renewAt())) {
            synchronized (this) {
                minted = current;
                if (minted == null || now.isAfter(minted.renewAt())) {
                    String token = Jwt.upn(serviceName).subject(serviceName).groups(Roles.SERVICE)
                            .expiresIn(lifetime).sign();
                    minted = new Minted(token, now.plus(lifetime.dividedBy(2)));
                    current = minted;
                }
            }
        }
        return minted.token();
    }
}
