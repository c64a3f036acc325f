package dev.moodlens.chat.api;

import dev.moodlens.common.access.Caller;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * The one place that decides who the caller is: the user of the verified bearer token (the resources
 * only admit user tokens). A request may still name its user (the "user" field or query parameter, as
 * before accounts existed); naming anyone else answers 404, as for data that does not exist.
 */
@ApplicationScoped
public class ChatUser {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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

    /** A well-formed user id (same rules as the analysis service's journal); 400 otherwise. */
    public static String validId(String claimed) {
        if (claimed == null || claimed.isBlank()) {
            throw ProblemException.badRequest("user is required");
        }
        String user = claimed.strip();
        if (!USER.matcher(user).matches()) {
            throw ProblemException.badRequest("user must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return user;
    }
}
