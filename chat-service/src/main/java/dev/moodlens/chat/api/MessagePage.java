package dev.moodlens.chat.api;

import dev.moodlens.common.problem.ProblemException;

/** The paging parameters of a conversation's messages, checked: anything else is a 400 problem. */
final class MessagePage {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private MessagePage() {
    }

    /** A message id to page back from, or null for the newest messages. */
    static Long before(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long id = parse(text, "before must be the id of a message (a positive whole number)");
        if (id < 1) {
            throw ProblemException.badRequest("before must be the id of a message (a positive whole number)");
        }
        return id;
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String rule = "limit must be a whole number from 1 to " + MAX_LIMIT;
        long limit = parse(text, rule);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest(rule);
        }
        return (int) limit;
    }

    private static long parse(String text, String rule) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(rule);
        }
    }
}
