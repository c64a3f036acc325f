package dev.moodlens.chat.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;

import java.util.List;

/**
 * One server-sent event of {@code POST /v1/chat/stream} (the JSON in its data line):
 * <ul>
 *   <li>{@code start}: conversationId, as soon as the message is accepted;</li>
 *   <li>{@code analysis}: emotion of the message (null when unavailable), crisis flag and notes;</li>
 *   <li>{@code token}: the next piece of the reply in {@code text};</li>
 *   <li>{@code done}: backend, emotion, notes and the journal context used (last event);</li>
 *   <li>{@code error}: text saying what went wrong (last event).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatEvent(String type, String conversationId, String text, TextAnalysis emotion, Boolean crisis,
                        String backend, List<String> notes, JournalContext context) {

    public static ChatEvent start(String conversationId) {
        return new ChatEvent("start", conversationId, null, null, null, null, null, null);
    }

    public static ChatEvent analysis(String conversationId, TextAnalysis emotion, boolean crisis, List<String> notes) {
        return new ChatEvent("analysis", conversationId, null, emotion, crisis, null, notes, null);
    }

    public static ChatEvent token(String text) {
        return new ChatEvent("token", null, text, null, null, null, null, null);
    }

    public static ChatEvent done(String conversationId, TextAnalysis emotion, boolean crisis, String backend,
                                 List<String> notes, JournalContext context) {
        return new ChatEvent("done", conversationId, null, emotion, crisis, backend, notes, context);
    }

    public static ChatEvent error(String conversationId, String text) {
        return new ChatEvent("error", conversationId, text, null, null, null, null, null);
    }
}
