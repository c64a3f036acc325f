package dev.moodlens.common.access;

import dev.moodlens.common.token.Roles;
import dev.moodlens.common.token.TokenNames;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints this service's own tokens (group {@link Roles#SERVICE}, issuer = this service's name) with its own
 * signing key ({@link SigningKey}), one per service it calls ({@code aud} = that service's name,
 * so the token opens nothing else; review finding 6), and reuses each until half its lifetime is gone, so a
 * call costs no RSA signature.
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant renewAt) {
    }

    private final String serviceName;
    private final SigningKey key;
    private final Duration lifetime;
    private final Map<String, Minted> current = new ConcurrentHashMap<>();

    public ServiceTokens(@ConfigProperty(name = "quarkus.application.name") String serviceName, AccessConfig config,
            SigningKey key) {
        this.serviceName = serviceName;
        this.key = key;
        this.lifetime = config.serviceTokenLifetime();
    }

    /** A valid service token for calls to {@code audience} (a {@link TokenNames} service name). */
    public String token(String audience) {
        Instant now = Instant.now();
        Minted minted = current.get(audience);
        if (minted == null || now.isAfter(minted.renewAt())) {
            minted = current.compute(audience, (target, old) -> old != null && !now.isAfter(old.renewAt()) ? old
                    : new Minted(key.issuer().service(serviceName, List.of(target), lifetime), now.plus(lifetime.dividedBy(2))));
        }
        return minted.token();
    }
}
