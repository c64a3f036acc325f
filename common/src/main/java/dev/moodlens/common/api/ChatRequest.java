package dev.moodlens.common.api;

/** Body of {@code POST /v1/chat} and {@code POST /v1/chat/stream}. */
public record ChatRequest(String user, String conversationId, String message) {
}
