package dev.moodlens.chat.context;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Body of the analysis service's {@code POST /v1/users/{user}/entries}, as the chat page sends it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewJournalEntry(String text, String title, List<String> tags, String writtenAt) {
}
