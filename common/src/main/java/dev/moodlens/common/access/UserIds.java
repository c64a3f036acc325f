package dev.moodlens.common.access;

import dev.moodlens.common.problem.ProblemException;

import java.util.regex.Pattern;

/**
 * The suite's one rule for user ids (accounts, journals, tokens, paths): 1 to 64 characters of letters,
 * digits, dot, underscore and hyphen, and not "." or ".." (a path segment that servers and proxies
 * normalise away). Checked before any query, so a NUL or any other odd character is a 400, never a 500.
 *
 * <p>Every Java place uses this class (the services, system-tests). Two places cannot call Java and keep a copy
 * of {@link #PATTERN}, each checked against it by a test: the launcher's {@code valid_user_id} (deploy
 * {@code LauncherUserIdTest}) and the sign-in form's {@code pattern} (chat {@code SignInFormUserIdTest}).
 */
public final class UserIds {

    public static final int MAX_LENGTH = 64;
    /** The characters and length of a user id (a regular expression matched whole); "." and ".." are refused besides. */
    public static final String PATTERN = "[A-Za-z0-9._-]{1," + MAX_LENGTH + "}";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    static final String RULE = "1 to " + MAX_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_' or '-', not '.' or '..'";

    private UserIds() {
    }

    public static boolean isValid(String user) {
        return user != null && VALID.matcher(user).matches() && !user.equals(".") && !user.equals("..");
    }

    /** {@code user} when valid; otherwise 400 problem JSON saying the rule for {@code what} (e.g. "user id"). */
    public static String require(String what, String user) {
        if (!isValid(user)) {
            throw ProblemException.badRequest(what + " must be " + RULE);
        }
        return user;
    }
}
