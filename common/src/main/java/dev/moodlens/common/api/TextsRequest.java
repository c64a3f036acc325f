package dev.moodlens.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of the inference endpoints: either one {@code text} or a list of {@code texts}, and how to read
 * them: {@code granularity} {@code "text"} (the default: each text as one input, cut at the model's max
 * length and flagged {@code truncated}) or {@code "sentence"} (each text split into sentences, long
 * sentences read in windows, never cut; {@code /v1/classify} only).
 * Validation (empty, too many, both given) happens in the inference service, which knows its limits.
 */
public record TextsRequest(String text, List<String> texts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String granularity) {

    public static final String TEXT = "text";
    public static final String SENTENCE = "sentence";

    public TextsRequest(String text, List<String> texts) {
        this(text, texts, null);
    }

    public static TextsRequest of(String text) {
        return new TextsRequest(text, null);
    }

    public static TextsRequest of(List<String> texts) {
        return new TextsRequest(null, texts);
    }

    /** Texts to be read sentence by sentence. */
    public static TextsRequest sentences(List<String> texts) {
        return new TextsRequest(null, texts, SENTENCE);
    }

    /** Whether the texts are to be read sentence by sentence. */
    public boolean bySentence() {
        return SENTENCE.equals(granularity);
    }

    /** All texts of the request in order; {@code text} first when both are present. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        if (text != null) {
            all.add(text);
        }
        if (texts != null) {
            all.addAll(texts);
        }
        return all;
    }
}
