package dev.moodlens.models.quantize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static int8 activation ranges of one fine-tuned model, as JSON: calibrated when the model is trained (its
 * encoder weights changed, so its activations did), committed beside the bundled models' adapters
 * ({@code <task>.int8-ranges.json}) so that a clone without datasets assembles batchable int8 graphs.
 */
public final class Int8RangesFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Int8RangesFile() {
    }

    /** The committed ranges of a task's bundled model. */
    public static Path path(Path headsDir, Task task) {
        return headsDir.resolve(task.id() + ".int8-ranges.json");
    }

    public static void write(Path file, String quantizedCoordinates, Map<String, float[]> ranges) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("encoder", quantizedCoordinates);
        json.put("policy", "mean_of_extremes");
        json.put("ranges", ActivationRanges.toJson(ranges));
        Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    }

    public static Map<String, float[]> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file + " (./moodlens train-bundled writes it)");
        }
        Map<String, Object> json = JSON.readValue(file.toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> ranges = (Map<String, List<Number>>) json.get("ranges");
        return ActivationRanges.fromJson(ranges);
    }
}
