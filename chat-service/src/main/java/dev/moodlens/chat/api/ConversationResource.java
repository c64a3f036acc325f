package dev.moodlens.chat.api;

import dev.moodlens.chat.conversation.ConversationStore;
import dev.moodlens.chat.conversation.ConversationSummary;
import dev.moodlens.chat.conversation.ConversationView;
import io.smallrye.common.annotation.Blocking;
import dev.moodlens.common.token.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A user's conversations and the history of one, for the page to show after a reload. */
@RolesAllowed(Roles.USER)
@Path("/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ConversationResource {

    private static final int LIST_LIMIT = 50;

    private final ConversationStore store;
    private final ChatUser users;

    public ConversationResource(ConversationStore store, ChatUser users) {
        this.store = store;
        this.users = users;
    }

    /** The user's 50 most recently active conversations. */
    @GET
    public List<ConversationSummary> list(@QueryParam("user") String user) {
        return store.list(users.resolve(user), LIST_LIMIT);
    }

    /**
     * One conversation with a page of its messages (review finding 18: a long one was sent whole): the newest
     * {@code limit} (default 100, at most 500), or those before message {@code before}; 404 when unknown or
     * another user's, 400 for a bad {@code before} or {@code limit}.
     */
    @GET
    @Path("/{id}")
    public ConversationView get(@PathParam("id") String id, @QueryParam("user") String user,
                                @QueryParam("before") String before, @QueryParam("limit") String limit) {
        // Text parameters parsed here: a number JAX-RS cannot convert would be a bare 404, not problem JSON.
        return store.view(users.resolve(user), id, MessagePage.before(before), MessagePage.limit(limit));
    }
}
