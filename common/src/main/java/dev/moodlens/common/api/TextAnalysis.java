package dev.moodlens.common.api;

/** Sentiment and emotion of one text, as answered by {@code POST /v1/classify}. */
public record TextAnalysis(Classification sentiment, Classification emotion) {
}
