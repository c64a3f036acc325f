package dev.moodlens.common.api;

import java.util.List;

/**
 * Answer of {@code POST /v1/classify}: both tasks for every text, with the model of each task and how the texts were
 * read ({@code reading}: {@value #WHOLE_TEXT}, or the sentence reading's rule and settings, e.g.
 * {@code sentence:emphasis,emotion-whole-text=0.5,sentiment-whole-text=0.5}), so a client that keeps results sees when either changes.
 */
public record AnalyzeResponse(List<TextAnalysis> results, ModelStamp sentimentModel, ModelStamp emotionModel, String reading) {

    /** The reading of {@code "granularity":"text"}: each text classified as one input. */
    public static final String WHOLE_TEXT = "text";
}
