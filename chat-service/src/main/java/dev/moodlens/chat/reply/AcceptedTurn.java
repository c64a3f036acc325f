package dev.moodlens.chat.reply;

import java.util.UUID;

/** A user message that passed validation, in a conversation that exists and belongs to the user. */
public record AcceptedTurn(String user, UUID conversationId, String message) {
}
