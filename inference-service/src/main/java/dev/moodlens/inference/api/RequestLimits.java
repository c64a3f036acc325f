package dev.moodlens.inference.api;

import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.config.InferenceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a request's texts against the service's limits; every refusal is 400 problem JSON. */
@ApplicationScoped
public class RequestLimits {

    private final int maxTexts;
    private final int maxTextChars;

    public RequestLimits(InferenceConfig config) {
        this.maxTexts = config.maxTexts();
        this.maxTextChars = config.maxTextChars();
    }

    /** The request's texts, checked; {@code sentencesAllowed}: whether this endpoint reads by sentence. */
    public List<String> texts(TextsRequest request, boolean sentencesAllowed) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body with \"text\" or \"texts\" is required");
        }
        String granularity = request.granularity();
        if (granularity != null && !granularity.equals(TextsRequest.TEXT) && !granularity.equals(TextsRequest.SENTENCE)) {
            throw ProblemException.badRequest("\"granularity\" is \"text\" or \"sentence\"");
        }
        if (request.bySentence() && !sentencesAllowed) {
            throw ProblemException.badRequest("\"granularity\":\"sentence\" is offered by /v1/classify");
        }
        if (request.text() != null && request.texts() != null) {
            throw ProblemException.badRequest("give either \"text\" or \"texts\", not both");
        }
        List<String> texts = request.all();
        if (texts.isEmpty()) {
            throw ProblemException.badRequest(request.texts() != null ? "\"texts\" is empty"
                    : "a JSON body with \"text\" or \"texts\" is required");
        }
        if (texts.size() > maxTexts) {
            throw ProblemException.badRequest(texts.size() + " texts in one request; at most " + maxTexts);
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                errors.put(request.text() != null ? "text" : "texts[" + i + "]", "is empty");
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", "empty text: " + String.join(", ", errors.keySet()),
                    errors, Map.of());
        }
        List<String> capped = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.length() <= maxTextChars) {
                capped.add(text);
            } else if (request.bySentence()) {
                throw ProblemException.badRequest((request.text() != null ? "text" : "texts[" + i + "]") + " has "
                        + text.length() + " characters; read by sentence a text may have at most " + maxTextChars);
            } else {
                capped.add(cut(text, maxTextChars));
            }
        }
        return capped;
    }

    /** The first {@code max} characters, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
