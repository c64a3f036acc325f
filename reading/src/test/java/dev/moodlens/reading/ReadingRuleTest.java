package dev.moodlens.reading;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadingRuleTest {

    private static Map<String, Double> sentiment(double neg, double neu, double pos) {
        return Map.of("negative", neg, "neutral", neu, "positive", pos);
    }

    @Test
    void salienceKeepsNeutralSentencesFromDilutingTheMood() {
        List<Sentence> s = List.of(new Sentence(0, 10, 4), new Sentence(11, 30, 8));
        List<Map<String, Double>> p = List.of(sentiment(0.9, 0.05, 0.05), sentiment(0.05, 0.9, 0.05));
        double lengthMood = ReadingRule.mood(ReadingRule.combine(p, ReadingRule.LENGTH.weights(s, p)));
        double salienceMood = ReadingRule.mood(ReadingRule.combine(p, ReadingRule.SALIENCE.weights(s, p)));
        assertTrue(salienceMood < lengthMood, salienceMood + " vs " + lengthMood);
        assertTrue(salienceMood < -0.5, "the one emotional sentence decides: " + salienceMood);
    }

    @Test
    void emphasisWeighsWhatASentenceSaysAboutMoodNotItsLength() {
        List<Sentence> s = List.of(new Sentence(0, 9, 2), new Sentence(10, 80, 14));
        List<Map<String, Double>> p = List.of(sentiment(0.9, 0.05, 0.05), sentiment(0.05, 0.9, 0.05));
        double[] w = ReadingRule.EMPHASIS.weights(s, p);
        assertTrue(w[0] > 5 * w[1], "the short emotional sentence outweighs the long report: " + w[0] + " vs " + w[1]);
        assertTrue(ReadingRule.mood(ReadingRule.combine(p, w)) < -0.6);
        assertEquals(ReadingRule.EMPHASIS, ReadingRule.DEFAULT);
    }

    @Test
    void combineIsAWeightedMeanThatStaysADistribution() {
        Map<String, Double> c = ReadingRule.combine(List.of(sentiment(1, 0, 0), sentiment(0, 0, 1)), new double[]{1, 3});
        assertEquals(0.25, c.get("negative"), 1e-12);
        assertEquals(0.75, c.get("positive"), 1e-12);
        assertEquals(1.0, c.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }

    @Test
    void theWholeTextTakesItsShareOfTheEmotion() {
        Map<String, Double> sentences = Map.of("joy", 0.6, "fear", 0.4);
        Map<String, Double> whole = Map.of("joy", 0.2, "fear", 0.8);
        Map<String, Double> half = ReadingRule.withWholeText(sentences, whole, 0.5);
        assertEquals(0.6, half.get("fear"), 1e-12);
        assertEquals(0.4, half.get("joy"), 1e-12);
        assertEquals(sentences.get("fear"), ReadingRule.withWholeText(sentences, whole, 0).get("fear"), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReadingRule.withWholeText(sentences, whole, 1.5));
    }

    @Test
    void carriersAreTheSentencesThatMadeTheMood() {
        List<Map<String, Double>> p = List.of(sentiment(0.05, 0.9, 0.05), sentiment(0.8, 0.1, 0.1), sentiment(0.7, 0.2, 0.1));
        double[] w = {5, 5, 5};
        assertArrayEquals(new boolean[]{false, true, true}, ReadingRule.carriers(w, p, -0.6));
        assertArrayEquals(new boolean[]{false, false, false}, ReadingRule.carriers(w, p, 0.05));
    }
}
