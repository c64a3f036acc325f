package dev.moodlens.models.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SstTreeTest {

    @Test
    void phrasesAreDetokenizedWithTheirLabelsRootAndSingleWordsLeftOut() {
        Map<String, Integer> p = SstTree.phrases("(1 (2 It) (1 (1 (2 does) (1 n't)) (2 (2 work) (2 .))))", 2);
        assertEquals(1, p.get("doesn't"));
        assertEquals(2, p.get("work."));
        assertEquals(1, p.get("doesn't work."));
        assertFalse(p.containsKey("It doesn't work."), "the root is the sentence, read from the sentence file");
        assertFalse(p.containsKey("It"));
    }

    @Test
    void bracketsAndQuotesReadAsText() {
        Map<String, Integer> p = SstTree.phrases("(3 (2 a) (3 (2 -LRB-) (3 (3 ``) (3 (3 great) (2 '')))))", 2);
        assertFalse(p.keySet().stream().anyMatch(k -> k.contains("-LRB-") || k.contains("``") || k.contains("''")), p.toString());
        assertEquals(3, p.get("(\"great\""), p.toString());
    }
}
