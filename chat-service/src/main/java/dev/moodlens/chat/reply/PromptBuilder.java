package dev.moodlens.chat.reply;

import dev.moodlens.chat.conversation.ChatMessage;
import dev.moodlens.chat.llm.LlmMessage;
import dev.moodlens.chat.llm.ReplyGrounding;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the chat prompt: a system message with the instructions, the emotion analysis of the new
 * message and the journal context, then the recent turns and the new message.
 */
public final class PromptBuilder {

    static final String INSTRUCTIONS = """
            You are MoodLens, a warm, supportive companion for journaling. You are not a therapist and \
            never diagnose. Answer in a few short paragraphs at most: reflect what the person feels, refer \
            to their journal where it helps, and end with one gentle question. Never invent journal facts \
            that are not listed below.""";

    private PromptBuilder() {
    }

    public static List<LlmMessage> build(ReplyGrounding grounding, List<ChatMessage> history) {
        List<LlmMessage> messages = new ArrayList<>();
        messages.add(LlmMessage.system(system(grounding)));
        for (ChatMessage m : history) {
            messages.add(ChatMessage.USER.equals(m.role) ? LlmMessage.user(m.content) : LlmMessage.assistant(m.content));
        }
        messages.add(LlmMessage.user(grounding.message()));
        return messages;
    }

    static String system(ReplyGrounding g) {
        StringBuilder s = new StringBuilder(INSTRUCTIONS).append("\n\n");
        if (g.crisis()) {
            s.append("SAFETY: the message contains crisis language. Respond with care, encourage the person to ")
                    .append("contact a crisis line or emergency services now, and do not discuss methods.\n\n");
        }
        s.append("Emotion of the new message: ").append(describe(g.analysis())).append('\n');
        s.append(journal(g.journal()));
        return s.toString().strip();
    }

    static String describe(TextAnalysis analysis) {
        if (analysis == null) {
            return "unknown (the analysis was unavailable).";
        }
        return label(analysis.emotion(), "emotion") + "; " + label(analysis.sentiment(), "sentiment") + ".";
    }

    private static String label(Classification c, String task) {
        return c == null ? task + " unknown"
                : String.format(Locale.ROOT, "%s %s (%.0f%%)", task, c.label(), c.score() * 100);
    }

    static String journal(JournalContext j) {
        if (j == null) {
            return "Journal: unavailable right now; do not refer to it.\n";
        }
        if (j.entryCount() == 0) {
            return "Journal: no entries yet.\n";
        }
        StringBuilder s = new StringBuilder("Journal (").append(j.entryCount()).append(" entries):\n");
        if (j.recentMood() != null) {
            s.append(String.format(Locale.ROOT, "- mean mood of the last 14 days: %+.2f (-1 very negative, +1 very positive)%n", j.recentMood()));
        }
        s.append("- trend: ").append(j.trend()).append('\n');
        if (j.dominantEmotions() != null && !j.dominantEmotions().isEmpty()) {
            s.append("- most frequent emotions this month: ").append(String.join(", ", j.dominantEmotions())).append('\n');
        }
        if (j.riskFactors() != null && !j.riskFactors().isEmpty()) {
            s.append("- risk signals: ").append(String.join("; ", j.riskFactors())).append('\n');
        }
        if (j.relevantEntries() != null) {
            for (JournalContext.EntrySnippet e : j.relevantEntries()) {
                s.append("- entry ").append(e.writtenAt() == null ? "" : e.writtenAt()).append(": \"")
                        .append(e.excerpt()).append('"');
                if (e.emotion() != null) {
                    s.append(" (").append(e.emotion()).append(')');
                }
                if (e.quote() != null && !e.excerpt().contains(e.quote())) {
                    s.append("; the sentence that carried its mood: \"").append(e.quote()).append('"');
                }
                s.append('\n');
            }
        }
        return s.toString();
    }
}
