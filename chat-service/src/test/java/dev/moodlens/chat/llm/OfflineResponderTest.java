package dev.moodlens.chat.llm;

import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineResponderTest {

    static TextAnalysis analysis(String emotion) {
        String sentiment = emotion.equals("joy") || emotion.equals("love") ? "positive" : "negative";
        return new TextAnalysis(new Classification(sentiment, 0.9, Map.of(sentiment, 0.9), false),
                new Classification(emotion, 0.8, Map.of(emotion, 0.8), false));
    }

    static JournalContext journal() {
        return new JournalContext("a", 9, 0, -0.31, "declining", List.of("anger", "sadness"), List.of("3 low days in a row"),
                List.of(new JournalContext.EntrySnippet("e", "2026-11-20T08:00:00Z", "My boss yelled at me again. I left early.", "anger", -0.7)),
                List.of());
    }

    static ReplyGrounding grounding(String message, TextAnalysis analysis, JournalContext journal) {
        return new ReplyGrounding(message, analysis, journal, false, List.of());
    }

    @Test
    void groundsTheReplyInTheEmotionTheMessageAndTheJournal() {
        for (int seed = 0; seed < 20; seed++) {
            String reply = OfflineReplyWriter.write(grounding("My boss ignored my work again. I'm fed up.",
                    analysis("anger"), journal()), new Random(seed));
            assertTrue(reply.contains("My boss ignored my work again"), reply);
            assertTrue(reply.contains("-0.31"), reply);
            assertTrue(reply.contains("That matches your journal, where anger has come up most"), reply);
            assertTrue(reply.contains("My boss yelled at me again"), reply);
            assertTrue(reply.contains("2026-11-20"), reply);
            assertTrue(reply.contains("3 low days in a row"), reply);
            assertTrue(reply.endsWith("?"), reply);
        }
    }

    @Test
    void meetsGoodNewsOnAHardStretchWithoutCallingItABadDay() {
        for (int seed = 0; seed < 10; seed++) {
            String reply = OfflineReplyWriter.write(grounding("We finally went to the sea, it was lovely.",
                    analysis("joy"), journal()), new Random(seed));
            assertFalse(reply.contains("bad day"), reply);
            assertTrue(reply.contains("especially good to hear") || reply.contains("really counts"), reply);
        }
    }

    @Test
    void namesAnEmotionOnlyWhenTheModelsAreFairlySureAndAgree() {
        TextAnalysis sure = new TextAnalysis(new Classification("negative", 0.81, Map.of(), false),
                new Classification("sadness", 0.88, Map.of(), false));
        assertEquals("sadness", OfflineReplyWriter.emotionOf(sure));
        // "I am so happy, we made up" read as anger 0.50 with a positive sentiment of 0.82: the sentiment wins.
        TextAnalysis contradicted = new TextAnalysis(new Classification("positive", 0.82, Map.of(), false),
                new Classification("anger", 0.50, Map.of(), false));
        assertEquals("joy", OfflineReplyWriter.emotionOf(contradicted));
        // Both unsure: nothing is assumed.
        TextAnalysis unsure = new TextAnalysis(new Classification("positive", 0.71, Map.of(), false),
                new Classification("anger", 0.37, Map.of(), false));
        assertEquals(null, OfflineReplyWriter.emotionOf(unsure));
        String reply = OfflineReplyWriter.write(grounding("Lonely evening, thinking about the review.", unsure, journal()), new Random(3));
        assertFalse(reply.contains("frustrated") || reply.contains("maddening") || reply.contains("under your skin"), reply);
    }

    @Test
    void answersCrisisLanguageWithCareInsteadOfSmallTalk() {
        for (int seed = 0; seed < 10; seed++) {
            String reply = OfflineReplyWriter.write(new ReplyGrounding("Honestly I want to die some days.",
                    analysis("anger"), journal(), true, List.of()), new Random(seed));
            assertTrue(reply.contains("you don't have to go through this alone"), reply);
            assertTrue(reply.contains("services above"), reply);
            assertFalse(reply.contains("want to die"), "the message is not quoted back: " + reply);
            assertFalse(reply.contains("frustrated") || reply.contains("mean mood"), reply);
        }
    }

    @Test
    void variesItsPhrasing() {
        Set<String> replies = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            replies.add(OfflineReplyWriter.write(grounding("Today was fine.", analysis("joy"), journal()), new Random(seed)));
        }
        assertTrue(replies.size() >= 5, "only " + replies.size() + " distinct replies");
    }

    @Test
    void answersWithoutAnalysisOrJournal() {
        String reply = OfflineReplyWriter.write(grounding("hm", null, null), new Random(1));
        assertFalse(reply.isBlank());
        assertFalse(reply.contains("null"), reply);
        String empty = OfflineReplyWriter.write(grounding("Hello there", null, JournalContext.empty("a")), new Random(1));
        assertTrue(empty.contains("journal"), empty);
    }

    @Test
    void honoursMaxTokensStopAndTemperatureZero() {
        ReplyGrounding g = grounding("I am scared of the exam tomorrow.", analysis("fear"), journal());
        List<String> all = OfflineResponder.tokens(new LlmRequest(List.of(), null, 0.0, null, g));
        assertTrue(all.size() > 20);
        assertEquals(all, OfflineResponder.tokens(new LlmRequest(List.of(), null, 0.0, null, g)), "temperature 0 is deterministic");
        assertEquals(all.subList(0, 7), OfflineResponder.tokens(new LlmRequest(List.of(), 7, 0.0, null, g)));
        String text = String.join("", all);
        String stop = "journal";
        String cut = String.join("", OfflineResponder.tokens(new LlmRequest(List.of(), null, 0.0, List.of(stop), g)));
        assertEquals(text.substring(0, text.indexOf(stop)).strip(), cut.strip());
    }

    @Test
    void quotesAShortClause() {
        assertEquals("Work was long", OfflineReplyWriter.quoteOf("  Work was long. Then the bus broke down!"));
        assertTrue(OfflineReplyWriter.quoteOf("word ".repeat(60)).endsWith("\u2026"));
        assertEquals(null, OfflineReplyWriter.quoteOf("."));
    }
}
