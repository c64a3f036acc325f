package dev.moodlens.chat.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moodlens.common.api.TextAnalysis;

import java.time.Instant;
import java.util.List;

/** A whole conversation as the page shows it after a reload. */
public record ConversationView(String id, String title, Instant createdAt, Instant updatedAt,
                               List<Message> messages) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String content, Instant createdAt, TextAnalysis emotion, String backend) {
    }
}
