package dev.moodlens.models.head;

import dev.moodlens.models.runtime.Task;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed head format: JSON, one matrix row per line, floats in Java's shortest round-trip
 * form, keys in a fixed order, so the same weights always give the same bytes and diffs stay readable.
 */
public final class HeadFile {

    // Floats are read as exact decimals and rounded once to float, so a file reads back bit for bit.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private HeadFile() {
    }

    public static Path path(Path headsDir, Task task) {
        return headsDir.resolve(task.id() + ".head.json");
    }

    public static void write(Head head, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, format(head).getBytes(StandardCharsets.UTF_8));
    }

    public static String format(Head head) throws IOException {
        StringBuilder out = new StringBuilder(1 << 20);
        out.append("{\n");
        out.append("\"task\": ").append(JSON.writeValueAsString(head.task().id())).append(",\n");
        out.append("\"labels\": ").append(JSON.writeValueAsString(head.task().labels())).append(",\n");
        out.append("\"recipe\": ").append(JSON.writeValueAsString(new TreeMap<>(head.recipe()))).append(",\n");
        out.append("\"mean\": ");
        row(out, head.mean());
        out.append(",\n\"scale\": ");
        row(out, head.scale());
        out.append(",\n\"bias\": ");
        row(out, head.bias());
        out.append(",\n\"weights\": ");
        matrix(out, head.weights());
        out.append(",\n\"bag_ids\": [");
        for (int i = 0; i < head.bagIds().length; i++) {
            if (i > 0) {
                out.append(i % 20 == 0 ? ",\n" : ",");
            }
            out.append(head.bagIds()[i]);
        }
        out.append("],\n\"bag\": ");
        matrix(out, head.bag());
        out.append("\n}\n");
        return out.toString();
    }

    public static Head read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        Task task = taskOf(root.path("task").asText());
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(n -> labels.add(n.asText()));
        if (!labels.equals(task.labels())) {
            throw new IOException(file + ": labels " + labels + " differ from " + task.labels());
        }
        // recipe numbers as Double/Integer, so the recipe writes back exactly as it was written
        Map<String, Object> recipe = new TreeMap<>(PLAIN.readValue(root.path("recipe").toString(),
                new TypeReference<Map<String, Object>>() { }));
        JsonNode ids = root.path("bag_ids");
        int[] bagIds = new int[ids.size()];
        for (int i = 0; i < bagIds.length; i++) {
            bagIds[i] = ids.get(i).asInt();
            if (i > 0 && bagIds[i] <= bagIds[i - 1]) {
                throw new IOException(file + ": bag_ids must be strictly ascending");
            }
        }
        Head head = new Head(task, floats(root.path("mean")), floats(root.path("scale")),
                matrix(root.path("weights")), floats(root.path("bias")), bagIds, matrix(root.path("bag")), recipe);
        if (head.weights().length != head.features() || head.bag().length != bagIds.length
                || head.labels() != labels.size()) {
            throw new IOException(file + ": inconsistent shapes");
        }
        return head;
    }

    private static Task taskOf(String id) throws IOException {
        for (Task t : Task.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IOException("unknown task " + id);
    }

    private static void row(StringBuilder out, float[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Float.toString(values[i]));
        }
        out.append(']');
    }

    private static void matrix(StringBuilder out, float[][] rows) {
        out.append("[\n");
        for (int r = 0; r < rows.length; r++) {
            row(out, rows[r]);
            if (r + 1 < rows.length) {
                out.append(",\n");
            }
        }
        out.append("\n]");
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(array.get(i).decimalValue().toString());
        }
        return out;
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats(rows.get(i));
        }
        return out;
    }
}
