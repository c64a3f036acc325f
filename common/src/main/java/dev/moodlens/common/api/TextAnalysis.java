package dev.moodlens.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Sentiment and emotion of one text, as answered by {@code POST /v1/classify}. With
 * {@code "granularity":"sentence"} they are the aggregate of the text's sentences (the rule of
 * {@code dev.moodlens.reading.ReadingRule}) and {@code sentences} holds each sentence's own result;
 * otherwise {@code sentences} is absent.
 */
public record TextAnalysis(Classification sentiment, Classification emotion,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<SentenceAnalysis> sentences) {

    public TextAnalysis(Classification sentiment, Classification emotion) {
        this(sentiment, emotion, null);
    }
}
