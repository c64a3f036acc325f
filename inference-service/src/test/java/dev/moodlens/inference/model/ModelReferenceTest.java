package dev.moodlens.inference.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelReferenceTest {

    @Test
    void parsesTheThreeKinds() {
        ModelReference.Hub hub = assertInstanceOf(ModelReference.Hub.class,
                ModelReference.parse("hf://Xenova/twitter-roberta-base-sentiment-latest@v1.0"));
        assertEquals("Xenova/twitter-roberta-base-sentiment-latest", hub.repo().id());
        assertEquals("v1.0", hub.repo().revision());
        assertEquals("main", ((ModelReference.Hub) ModelReference.parse("hf://org/name")).repo().revision());
        assertEquals("moodlens-emotion",
                assertInstanceOf(ModelReference.Bundled.class, ModelReference.parse("bundled:moodlens-emotion")).name());
        assertEquals(Path.of("/models/x"),
                assertInstanceOf(ModelReference.Local.class, ModelReference.parse("/models/x")).dir());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ModelReference.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ModelReference.parse("hf://../etc@main"));
        assertThrows(IllegalArgumentException.class, () -> ModelReference.parse("hf://org/name@"));
        assertThrows(IllegalArgumentException.class, () -> ModelReference.parse("bundled:../x"));
    }

    @Test
    void tiersFollowMemoryAndCores() {
        long gib = HardwareTier.GIB;
        assertEquals(HardwareTier.LOW, HardwareTier.detect(2 * gib, 4));
        assertEquals(HardwareTier.LOW, HardwareTier.detect(32 * gib, 1));
        assertEquals(HardwareTier.STANDARD, HardwareTier.detect(24 * gib, 2));
        assertEquals(HardwareTier.HIGH, HardwareTier.detect(64 * gib, 16));
        assertEquals(HardwareTier.LOW, HardwareTier.choose("low"));
    }
}
