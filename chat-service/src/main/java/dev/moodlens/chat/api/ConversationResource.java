package dev.moodlens.chat.api;

import dev.moodlens.chat.conversation.ConversationStore;
import dev.moodlens.chat.conversation.ConversationSummary;
import dev.moodlens.chat.conversation.ConversationView;
import io.smallrye.common.annotation.Blocking;
import dev.moodlens.common.access.Roles;
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

    /** One conversation with all its messages; 404 when unknown or another user's. */
    @GET
    @Path("/{id}")
    public ConversationView get(@PathParam("id") String id, @QueryParam("user") String user) {
        return store.view(users.resolve(user), id);
    }
}
