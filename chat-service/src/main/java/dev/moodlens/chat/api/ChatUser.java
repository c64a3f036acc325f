package dev.moodlens.chat.api;

import dev.moodlens.common.access.Caller;
import dev.moodlens.common.access.UserIds;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * The one place that decides who the caller is: the user of the verified bearer token (the resources
 * only admit user tokens). A request may still name its user (the "user" field or query parameter, as
 * before accounts existed); naming anyone else answers 404, as for data that does not exist.
 */
@ApplicationScoped
public class ChatUser {

    private final Caller caller;

    public ChatUser(Caller caller) {
        this.caller = caller;
    }

    /** The caller's user id; 404 when the request names another user. Call it on the request's thread. */
    public String resolve(String claimed) {
        String user = caller.user();
        if (user == null) {
            throw new ProblemException(401, "Unauthorized", "a user token is required (log in first)");
        }
        if (claimed != null && !claimed.isBlank() && !claimed.strip().equals(user)) {
            throw ProblemException.notFound("no such user '" + claimed.strip() + "' for this token");
        }
        return user;
    }

    /** A well-formed user id (the suite's one rule, {@link UserIds}); 400 otherwise. */
    public static String validId(String claimed) {
        if (claimed == null || claimed.isBlank()) {
            throw ProblemException.badRequest("user is required");
        }
        return UserIds.require("user", claimed.strip());
    }
}
