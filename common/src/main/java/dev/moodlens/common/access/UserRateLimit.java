package dev.moodlens.common.access;

import dev.moodlens.common.token.Roles;
import dev.moodlens.common.problem.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;

/**
 * Requests per user per minute (moodlens.access.rate-limit.requests-per-minute), a {@link KeyedRateLimit}
 * budget per user token's upn: over the budget answers 429 problem JSON with Retry-After. Anonymous requests
 * are left to the endpoint's own checks and service tokens are not limited. The budgets live in this
 * process: with several replicas each one grants the budget (good enough against a runaway client).
 */
public class UserRateLimit {

    private final CurrentIdentityAssociation identities;
    private final int perMinute;
    private final KeyedRateLimit budgets;

    public UserRateLimit(CurrentIdentityAssociation identities, AccessConfig config) {
        this.identities = identities;
        this.perMinute = config.rateLimit().requestsPerMinute();
        this.budgets = perMinute <= 0 ? null : new KeyedRateLimit(perMinute, Duration.ofMinutes(1), KeyedRateLimit.TRACKED);
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        if (perMinute <= 0 || request.getHeaderString("Authorization") == null) {
            return Uni.createFrom().nullItem();
        }
        // A token that does not verify is left to the endpoint: a protected one answers 401, an open one
        // (health, an admin token of its own) is not this filter's business.
        // The refusal is thrown after the recovery, so that ProblemMappers answers it like any other problem.
        return identities.getDeferredIdentity().onFailure().recoverWithNull()
                .invoke(this::check).replaceWith((Response) null);
    }

    private void check(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || identity.hasRole(Roles.SERVICE)) {
            return;
        }
        long seconds = budgets.acquire(identity.getPrincipal().getName());
        if (seconds > 0) {
            throw ProblemException.tooManyRequests(
                    "more than " + perMinute + " requests in a minute; try again in " + seconds + " s", seconds);
        }
    }
}
