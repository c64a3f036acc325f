package dev.moodlens.reading;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> sentences(String text) {
        return splitter.split(text).stream().map(s -> s.of(text)).toList();
    }

    @Test
    void splitsJournalProseIntoSentences() {
        assertEquals(List.of("Didn't sleep.", "Haven't eaten.", "Priya is on her honeymoon and I'm not going to ruin it for her..."),
                sentences("Didn't sleep. Haven't eaten. Priya is on her honeymoon and I'm not going to ruin it for her..."));
    }

    @Test
    void abbreviationsDoNotEndASentence() {
        assertEquals(List.of("Saw Dr. Patel at 9 a.m. and she was kind.", "Mr. Smith was not."),
                sentences("Saw Dr. Patel at 9 a.m. and she was kind. Mr. Smith was not."));
    }

    @Test
    void lineBreaksQuestionsAndExclamationsEndSentences() {
        assertEquals(List.of("We closed on the house today!", "Can you believe it?", "Best floor picnic of my life"),
                sentences("We closed on the house today! Can you believe it?\n\nBest floor picnic of my life"));
    }

    @Test
    void piecesWithoutWordsJoinTheirNeighbour() {
        String text = "Great day :) ... Then rain.";
        List<Sentence> s = splitter.split(text);
        assertTrue(s.size() <= 2, s.toString());
        assertEquals(0, s.get(0).start());
        assertEquals(text.length(), s.get(s.size() - 1).end());
        assertEquals(List.of(), splitter.split("  ...  "));
    }

    @Test
    void offsetsAreUtf16IndexesAndSkipWhitespace() {
        String text = "  I'm happy 😊. Really!  ";
        List<Sentence> s = splitter.split(text);
        assertEquals(2, s.size());
        assertEquals("I'm happy 😊.", s.get(0).of(text));
        assertEquals(3, s.get(0).words());
        assertEquals("Really!", s.get(1).of(text));
    }
}
