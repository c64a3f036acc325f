package dev.moodlens.common.access;

import dev.moodlens.common.token.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling, from the verified token of the current request. Read it on the request's own thread
 * (before handing work to a worker pool): the identity belongs to the request.
 */
@ApplicationScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** True for a service token (acting for the user its request names). */
    public boolean isService() {
        return !identity.isAnonymous() && identity.hasRole(Roles.SERVICE);
    }

    /** The user id of a user token (its upn), or null for a service or anonymous caller. */
    public String user() {
        if (identity.isAnonymous() || !identity.hasRole(Roles.USER)) {
            return null;
        }
        return identity.getPrincipal().getName();
    }

    /** True when the caller may act on {@code user}'s data: that user's own token or a service token. */
    public boolean mayActFor(String user) {
        return isService() || (user != null && user.equals(user()));
    }
}
