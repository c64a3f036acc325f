package dev.moodlens.models.assemble;

import dev.moodlens.models.TestPaths;
import dev.moodlens.models.runtime.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproducibleAssemblyTest {

    @Test
    void assemblingTwiceGivesIdenticalBytesAndTheStampSkipsTheThird(@TempDir Path first, @TempDir Path second)
            throws Exception {
        assertTrue(AssembleModels.assemble(TestPaths.encoders(), TestPaths.heads(), first, false));
        assertTrue(AssembleModels.assemble(TestPaths.encoders(), TestPaths.heads(), second, true));
        for (Task task : Task.values()) {
            for (String f : List.of("onnx/model.onnx", "onnx/model_quantized.onnx", "config.json", "tokenizer.json",
                    "tokenizer_config.json", "special_tokens_map.json", "README.md")) {
                Path a = first.resolve(task.modelName()).resolve(f);
                Path b = second.resolve(task.modelName()).resolve(f);
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), task + " " + f);
            }
            // the build's copy was made from the same inputs
            assertArrayEquals(Files.readAllBytes(first.resolve(task.modelName()).resolve("onnx/model.onnx")),
                    Files.readAllBytes(TestPaths.bundled().resolve(task.modelName()).resolve("onnx/model.onnx")));
        }
        assertFalse(AssembleModels.assemble(TestPaths.encoders(), TestPaths.heads(), first, false));
    }
}
