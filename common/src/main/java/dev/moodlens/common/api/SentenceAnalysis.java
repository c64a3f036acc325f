package dev.moodlens.common.api;

/**
 * One sentence of a text read sentence by sentence: its UTF-16 character offsets [start, end) into the
 * text, its sentiment and emotion, and its weight in the text's aggregate (a share, the weights of a
 * text's sentences sum to 1).
 */
public record SentenceAnalysis(int start, int end, double weight, Classification sentiment, Classification emotion) {
}
