package dev.moodlens.chat.conversation;

import java.time.Instant;

/** A line of the conversation list. */
public record ConversationSummary(String id, String title, Instant createdAt, Instant updatedAt, long messages) {
}
