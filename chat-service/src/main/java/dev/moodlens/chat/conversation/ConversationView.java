package dev.moodlens.chat.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moodlens.common.api.TextAnalysis;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the page shows it after a reload: one page of its messages, oldest first (the newest
 * ones unless {@code before} was asked for); {@code hasOlder} tells whether earlier messages exist, to be
 * had with {@code ?before=<id of the first message>}.
 */
public record ConversationView(String id, String title, Instant createdAt, Instant updatedAt,
                               List<Message> messages, boolean hasOlder) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(long id, String role, String content, Instant createdAt, TextAnalysis emotion,
                          String backend) {
    }
}
