package dev.moodlens.models.tune;

import dev.moodlens.models.head.Task;
import dev.moodlens.models.train.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sentiment splits its one labelled split into disjoint train / early-stopping parts; CARER subsamples with the seed. */
class TuningDataTest {

    @Test
    void sentimentHoldsOutAStratifiedDisjointFifth(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("tweeteval/sentiment"));
        Files.createDirectories(root.resolve("carer-emotion"));
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            texts.add("tweet " + i);
            labels.add(Integer.toString(i % 10 < 5 ? 2 : i % 10 < 8 ? 1 : 0));
        }
        Files.write(dir.resolve("val_text.txt"), texts);
        Files.write(dir.resolve("val_labels.txt"), labels);

        TuningData data = TuningData.of(Task.SENTIMENT, new Datasets(root), 8, 0);
        assertEquals(400, data.validation().size());
        assertEquals(1600, data.train().size());
        Set<String> held = new HashSet<>(data.validation().texts());
        assertTrue(data.train().texts().stream().noneMatch(held::contains), "disjoint");
        long negatives = java.util.Arrays.stream(data.validation().labels()).filter(l -> l == 0).count();
        assertEquals(80, negatives, "20 % negatives, as in the whole split");
        assertEquals(data.validation().texts(), TuningData.of(Task.SENTIMENT, new Datasets(root), 8, 0).validation().texts(),
                "same seed, same split");
    }

    @Test
    void subsampleKeepsClassProportions() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 700 ? 0 : 1;
        }
        int[] picked = TuningData.stratifiedSample(labels, 100, 2, 8);
        assertEquals(100, picked.length);
        assertEquals(70, java.util.Arrays.stream(picked).filter(i -> labels[i] == 0).count());
    }
}
