package dev.moodlens.chat.api;

import dev.moodlens.chat.reply.AcceptedTurn;
import dev.moodlens.chat.reply.ChatEvent;
import dev.moodlens.chat.reply.ChatTurns;
import dev.moodlens.common.api.ChatReply;
import dev.moodlens.common.api.ChatRequest;
import dev.moodlens.common.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import dev.moodlens.common.token.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.moodlens.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The chat endpoints. Validation and the conversation lookup happen before the response starts (on a
 * worker thread: they touch the database), so bad input gets a 4xx problem JSON, never a broken stream.
 */
@RolesAllowed(Roles.USER)
@Path("/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatTurns turns;
    private final ChatUser users;

    public ChatResource(ChatTurns turns, ChatUser users) {
        this.turns = turns;
        this.users = users;
    }

    /** The whole reply: {"conversationId","reply","emotion","backend"}. */
    @POST
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message and get the whole reply (a new conversation when conversationId is absent)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ChatReply.class)))
    @APIResponse(responseCode = "400", description = "empty message, missing user, malformed id or JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown conversation (or another user's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "message longer than moodlens.chat.max-message-length",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChatReply> chat(ChatRequest request) {
        return turns.reply(accept(request));
    }

    /** The reply as server-sent events, one JSON {@link ChatEvent} per event. */
    @POST
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message and receive the reply as server-sent events: start, analysis, token..., done (or error)")
    @APIResponse(responseCode = "200", description = "one JSON ChatEvent per event",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = ChatEvent.class)))
    @APIResponse(responseCode = "4XX", description = "as for POST /v1/chat, before the stream starts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Multi<ChatEvent> stream(ChatRequest request) {
        return turns.stream(accept(request));
    }

    private AcceptedTurn accept(ChatRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body {\"conversationId\",\"message\"} is required");
        }
        return turns.accept(users.resolve(request.user()), request.conversationId(), request.message());
    }
}
