package dev.moodlens.common.api;

import java.util.List;

/** Answer of {@code POST /v1/sentiment} and {@code POST /v1/emotion}: one result per text, in order. */
public record ClassifyResponse(List<Classification> results, ModelStamp model) {
}
