package dev.moodlens.models.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchmarkTest {

    @Test
    void bundledLabelSetsPickTheirBenchmark() {
        assertEquals(Benchmark.TWEETEVAL_SENTIMENT, Benchmark.forLabels(List.of("negative", "neutral", "positive")));
        assertEquals(Benchmark.CARER, Benchmark.forLabels(List.of("sadness", "joy", "love", "anger", "fear", "surprise")));
    }

    @Test
    void hubLabelSetsAreMappedByName() {
        // cardiffnlp-style capitalised labels, and LABEL_i in the usual order
        assertArrayEquals(new int[]{2, 1, 0},
                Benchmark.TWEETEVAL_SENTIMENT.mapping(List.of("Positive", "Neutral", "Negative")));
        assertArrayEquals(new int[]{0, 1, 2},
                Benchmark.TWEETEVAL_SENTIMENT.mapping(List.of("LABEL_0", "LABEL_1", "LABEL_2")));
        // an emotion model with extra labels: those are never predicted on CARER
        List<String> ekman = List.of("anger", "disgust", "fear", "joy", "neutral", "sadness", "surprise");
        assertEquals(Benchmark.CARER, Benchmark.forLabels(ekman));
        assertArrayEquals(new int[]{3, -1, 4, 1, -1, 0, 5}, Benchmark.CARER.mapping(ekman));
        assertThrows(IllegalArgumentException.class, () -> Benchmark.forLabels(List.of("spam", "ham")));
    }
}
