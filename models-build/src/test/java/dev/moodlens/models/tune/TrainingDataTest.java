package dev.moodlens.models.tune;

import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.LabelMapping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held-out splits, per-epoch draws and label mappings: fixed by the seed, disjoint, deliberate. */
class TrainingDataTest {

    @Test
    void heldOutSplitIsStratifiedDisjointAndFixedBySeed() {
        List<String> texts = new ArrayList<>();
        int[] labels = new int[2000];
        for (int i = 0; i < labels.length; i++) {
            texts.add("tweet " + i);
            labels[i] = i % 10 < 5 ? 2 : i % 10 < 8 ? 1 : 0;
        }
        TrainingTexts all = TrainingTexts.labelled("tweets", texts, labels);
        TrainingTexts[] split = all.split(400, 8);
        assertEquals(1600, split[0].size());
        assertEquals(400, split[1].size());
        Set<String> held = new HashSet<>(split[1].texts());
        assertTrue(split[0].texts().stream().noneMatch(held::contains), "disjoint");
        assertEquals(80, Arrays.stream(split[1].labels()).filter(l -> l == 0).count(), "20 % negatives, as in the whole");
        assertEquals(split[1].texts(), all.split(400, 8)[1].texts(), "same seed, same split");
    }

    @Test
    void epochsDrawDifferentTextsOfALargeSourceAndRepeatASmallOne() {
        int[] e1 = Sampling.forEpoch(1000, 300, 1, 8);
        int[] e2 = Sampling.forEpoch(1000, 300, 2, 8);
        assertEquals(300, e1.length);
        Set<Integer> first = new HashSet<>();
        Arrays.stream(e1).forEach(first::add);
        assertTrue(Arrays.stream(e2).noneMatch(first::contains), "epoch 2 continues the permutation");
        assertArrayEquals(e1, Sampling.forEpoch(1000, 300, 1, 8), "fixed by the seed");
        int[] twice = Sampling.forEpoch(100, 200, 1, 8);
        assertEquals(200, twice.length);
        assertEquals(100, Arrays.stream(twice).distinct().count(), "a small source repeats whole");
        assertEquals(100, Sampling.forEpoch(100, 0, 3, 8).length, "0 = every text once");
    }

    @Test
    void labelSetsMapDeliberately() {
        int joy = Task.EMOTION.labels().indexOf("joy");
        int love = Task.EMOTION.labels().indexOf("love");
        int anger = Task.EMOTION.labels().indexOf("anger");
        assertEquals(joy, LabelMapping.emotionOfGoEmotions(List.of("gratitude", "joy")));
        assertEquals(love, LabelMapping.emotionOfGoEmotions(List.of("caring")));
        assertEquals(anger, LabelMapping.emotionOfGoEmotions(List.of("disgust")));
        assertEquals(LabelMapping.NONE, LabelMapping.emotionOfGoEmotions(List.of("neutral")));
        assertEquals(LabelMapping.NONE, LabelMapping.emotionOfGoEmotions(List.of("joy", "sadness")), "mixed: left out");
        assertEquals(LabelMapping.NONE, LabelMapping.emotionOfGoEmotions(List.of("curiosity")));
        assertEquals(joy, LabelMapping.emotionOfTweetEval(2), "optimism is joy");
        assertEquals(0, LabelMapping.sentimentOfSst(1));
        assertEquals(1, LabelMapping.sentimentOfSst(2));
        assertEquals(2, LabelMapping.sentimentOfSst(4));
        assertEquals(LabelMapping.NONE, LabelMapping.sentimentOfGroups(List.of("ambiguous")));
        assertEquals(LabelMapping.NONE, LabelMapping.sentimentOfGroups(List.of("positive", "negative")));
        assertEquals(2, LabelMapping.sentimentOfGroups(List.of("positive")));
        assertEquals(LabelMapping.NONE, LabelMapping.sentimentOfEmotion("surprise"));
        assertEquals(1f, LabelMapping.valenceTarget(4.5f));
        assertEquals(0f, LabelMapping.valenceTarget(3f));
        assertNotEquals(0f, LabelMapping.valenceTarget(3.4f));
    }
}
