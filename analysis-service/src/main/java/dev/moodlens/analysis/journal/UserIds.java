package dev.moodlens.analysis.journal;

import dev.moodlens.common.problem.ProblemException;

import java.util.regex.Pattern;

/** User ids are 1 to 64 characters of letters, digits, dot, underscore and hyphen. */
public final class UserIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private UserIds() {
    }

    public static String require(String user) {
        if (user == null || !VALID.matcher(user).matches()) {
            throw ProblemException.badRequest("user id must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return user;
    }
}
