package dev.moodlens.common.api;

/** Whole answer of {@code POST /v1/chat}. */
public record ChatReply(String conversationId, String reply, TextAnalysis emotion, String backend) {
}
