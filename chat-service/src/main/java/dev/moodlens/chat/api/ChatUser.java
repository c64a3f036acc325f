package dev.moodlens.chat.api;

import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * The one place that decides who the caller is (same id rules as the analysis service's journal). Until authentication arrives the user is an explicit
 * request parameter; a JWT-based version replaces {@link #resolve} and nothing else changes.
 */
@ApplicationScoped
public class ChatUser {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The caller's user id; 400 when missing or malformed. */
    public String resolve(String claimed) {
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
