package dev.moodlens.chat.reply;

import dev.moodlens.chat.conversation.ChatMessage;
import dev.moodlens.chat.llm.LlmMessage;
import dev.moodlens.chat.llm.ReplyGrounding;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptBuilderTest {

    private static ChatMessage message(String role, String content) {
        ChatMessage m = new ChatMessage();
        m.role = role;
        m.content = content;
        return m;
    }

    @Test
    void putsAnalysisJournalAndHistoryIntoThePrompt() {
        TextAnalysis analysis = new TextAnalysis(new Classification("negative", 0.87, Map.of(), false),
                new Classification("fear", 0.66, Map.of(), false));
        JournalContext journal = new JournalContext("a", 3, 1, 0.12, "improving", List.of("joy"), List.of(),
                List.of(new JournalContext.EntrySnippet("e", "2026-11-02", "Started running", "joy", 0.8)), List.of());
        List<LlmMessage> prompt = PromptBuilder.build(new ReplyGrounding("Exams next week", analysis, journal, false, List.of()),
                List.of(message(ChatMessage.USER, "hi"), message(ChatMessage.ASSISTANT, "hello")));
        assertEquals(List.of("system", "user", "assistant", "user"), prompt.stream().map(LlmMessage::role).toList());
        String system = prompt.get(0).content();
        assertTrue(system.contains("emotion fear (66%); sentiment negative (87%)"), system);
        assertTrue(system.contains("+0.12") && system.contains("trend: improving") && system.contains("Started running"), system);
        assertTrue(!system.contains("SAFETY"), system);
        assertEquals("Exams next week", prompt.get(3).content());
    }

    @Test
    void saysWhatIsUnavailableAndFlagsCrisis() {
        String system = PromptBuilder.system(new ReplyGrounding("x", null, null, true, List.of()));
        assertTrue(system.contains("SAFETY"));
        assertTrue(system.contains("unknown (the analysis was unavailable)"));
        assertTrue(system.contains("Journal: unavailable right now"));
    }
}
