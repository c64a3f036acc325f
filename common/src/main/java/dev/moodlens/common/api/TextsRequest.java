package dev.moodlens.common.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Body of the inference endpoints: either one {@code text} or a list of {@code texts}.
 * Validation (empty, too many, both given) happens in the inference service, which knows its limits.
 */
public record TextsRequest(String text, List<String> texts) {

    public static TextsRequest of(String text) {
        return new TextsRequest(text, null);
    }

    public static TextsRequest of(List<String> texts) {
        return new TextsRequest(null, texts);
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
