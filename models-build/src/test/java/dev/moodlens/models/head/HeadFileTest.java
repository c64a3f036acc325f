package dev.moodlens.models.head;

import dev.moodlens.models.TestPaths;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadFileTest {

    @ParameterizedTest
    @EnumSource(Task.class)
    void committedHeadReadsBackToTheSameBytes(Task task) throws Exception {
        Path file = HeadFile.path(TestPaths.heads(), task);
        Head head = HeadFile.read(file);
        assertEquals(Files.readString(file), HeadFile.format(head));
        assertEquals(task.labels().size(), head.labels());
        assertEquals(384, head.features());
        assertTrue(Files.size(file) < 2_000_000, "head files stay small");
        for (int id : head.bagIds()) {
            assertTrue(id > 0 && id < EncoderFiles.VOCAB_SIZE);
        }
    }
}
