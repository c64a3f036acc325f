package dev.moodlens.common.token;

/** The groups a suite token can carry; they are the roles that {@code @RolesAllowed} checks. */
public final class Roles {

    /** A person, acting on their own journal and conversations only (upn = their user id). */
    public static final String USER = "user";

    /** One of the suite's services, acting for the user its request names; never given to a browser. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
