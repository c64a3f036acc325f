package dev.moodlens.analysis.journal;

import dev.moodlens.common.access.UserIds;
import dev.moodlens.common.access.Caller;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that decides whether the caller may touch the journal named in the path: its owner's
 * user token, or a service token (the chat service acting for its authenticated user). Anyone else
 * gets the same 404 as for a journal that does not exist, so ids cannot be probed. Call it first in every
 * resource method, on the request's own (worker) thread, where the request's identity is.
 */
@ApplicationScoped
public class JournalAccess {

    private final Caller caller;

    public JournalAccess(Caller caller) {
        this.caller = caller;
    }

    /** The user id of the path, once the caller may act on it. */
    public String require(String user) {
        UserIds.require("user id", user);
        if (!caller.mayActFor(user)) {
            throw ProblemException.notFound("no journal for user '" + user + "'");
        }
        return user;
    }
}
