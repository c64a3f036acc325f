package dev.moodlens.chat.llm;

import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;

import java.util.List;

/**
 * What a reply is grounded in, in structured form: the user's message, its analysis and the journal
 * context (each null when its service was unavailable) and whether the message contains crisis language.
 * A remote model reads these through the system prompt; the offline responder reads them directly.
 */
public record ReplyGrounding(String message, TextAnalysis analysis, JournalContext journal, boolean crisis,
                             List<String> unavailable) {
}
