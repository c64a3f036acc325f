package dev.moodlens.chat.context;

import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;

import java.util.List;

/**
 * What a chat turn knows beyond the conversation: the message's analysis and the journal context,
 * each null when its service did not answer, and a sentence for each thing it could not use.
 */
public record TurnContext(TextAnalysis analysis, JournalContext journal, List<String> unavailable) {
}
