package dev.moodlens.models.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What fine-tuning changed in a published encoder, small enough to commit: beside each MatMul weight of the tuned
 * layers a low-rank update (LoRA: {@code W' = W + scale · A·B}, A [in, rank], B [rank, out]) and, in full, the small
 * tensors that trained (biases, LayerNorm), by role ({@code encoder.layer.5.attention.self.query.lora_a}). Stored as
 * a safetensors file (little-endian F32, the format Hugging Face's PEFT writes), the encoder, rank and scale in its
 * metadata. The build merges it into the encoder from Maven Central: a fresh clone serves the fine-tuned model
 * without datasets or training.
 *
 * @param tensors by role: adapter factors ({@link #A}, {@link #B}) and tuned tensors that replace the published ones
 */
public record EncoderAdapters(Encoder encoder, int rank, float scale, Map<String, Tensor> tensors) {

    public static final String A = ".lora_a";
    public static final String B = ".lora_b";
    /** The MatMul weights that get an update, per layer; the attention and feed-forward projections (all of them). */
    public static final List<String> MODULES = List.of("attention.self.query", "attention.self.key", "attention.self.value",
            "attention.output.dense", "intermediate.dense", "output.dense");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor: shape and row-major values. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** The committed adapters of a task in the heads directory. */
    public static Path path(Path heads, Task task) {
        return heads.resolve(task.id() + ".adapters.safetensors");
    }

    /** Whether {@code role} is a MatMul weight that adapters update (rather than replace). */
    public static boolean adapts(String role) {
        if (!role.startsWith("encoder.layer.") || !role.endsWith(".weight")) {
            return false;
        }
        String module = role.substring(role.indexOf('.', "encoder.layer.".length()) + 1, role.length() - ".weight".length());
        return MODULES.contains(module);
    }

    /**
     * The published weights by role with the adapters applied: adapted MatMul weights get {@code scale · A·B} added,
     * tuned tensors replace theirs, the rest is unchanged. {@code published} is not modified.
     */
    public Map<String, float[]> applyTo(Map<String, Tensor> published) {
        Map<String, float[]> out = new LinkedHashMap<>();
        published.forEach((role, t) -> out.put(role, t.values()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String role = e.getKey();
            if (role.endsWith(B)) {
                continue;
            }
            if (role.endsWith(A)) {
                String weight = role.substring(0, role.length() - A.length()) + ".weight";
                Tensor w = require(published, weight);
                Tensor b = tensors.get(role.substring(0, role.length() - A.length()) + B);
                if (b == null) {
                    throw new IllegalArgumentException("no " + B + " for " + role);
                }
                out.put(weight, merge(w.values(), e.getValue().values(), b.values(), (int) w.shape()[0], rank, (int) w.shape()[1], scale));
            } else {
                Tensor p = require(published, role);
                if (p.values().length != e.getValue().values().length) {
                    throw new IllegalArgumentException(role + ": " + e.getValue().values().length + " values for " + p.values().length);
                }
                out.put(role, e.getValue().values());
            }
        }
        return out;
    }

    /** The published encoder's values with the adapters applied, by initializer name (what {@link TunedGraphWriter} takes). */
    public Map<String, float[]> byInitializer(EncoderWeights published) {
        Map<String, Tensor> byRole = new LinkedHashMap<>();
        published.all().forEach((role, t) -> byRole.put(role, new Tensor(t.shape(), t.values())));
        Map<String, float[]> out = new LinkedHashMap<>();
        applyTo(byRole).forEach((role, values) -> out.put(published.get(role).initializer(), values));
        return out;
    }

    /** {@code w + scale · a·b}, row-major: w [in, out], a [in, rank], b [rank, out]. */
    public static float[] merge(float[] w, float[] a, float[] b, int in, int rank, int out, float scale) {
        if (w.length != in * out || a.length != in * rank || b.length != rank * out) {
            throw new IllegalArgumentException("shapes do not agree: w " + w.length + ", a " + a.length + ", b " + b.length);
        }
        float[] merged = w.clone();
        for (int i = 0; i < in; i++) {
            for (int r = 0; r < rank; r++) {
                float air = scale * a[i * rank + r];
                for (int o = 0; o < out; o++) {
                    merged[i * out + o] += air * b[r * out + o];
                }
            }
        }
        return merged;
    }

    private static Tensor require(Map<String, Tensor> published, String role) {
        Tensor t = published.get(role);
        if (t == null) {
            throw new IllegalArgumentException("the encoder has no " + role);
        }
        return t;
    }

    /** Safetensors: 8-byte little-endian header length, the JSON header (sorted names), then the data. */
    public void write(Path file) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("encoder", encoder.id());
        meta.put("rank", Integer.toString(rank));
        meta.put("scale", Float.toString(scale));
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().values().length;
            var offsets = t.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : sorted.values()) {
            for (float v : t.values()) {
                out.putFloat(v);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.array());
    }

    public static EncoderAdapters read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(in.getLong());
        JsonNode header = JSON.readTree(new String(in.array(), 8, headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + headerLength;
        JsonNode meta = header.path("__metadata__");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            if (!e.getValue().path("dtype").asText().equals("F32")) {
                throw new IOException(file + ": " + e.getKey() + " is not F32");
            }
            long[] shape = new long[e.getValue().path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().path("shape").get(i).asLong();
            }
            int begin = e.getValue().path("data_offsets").get(0).asInt();
            int end = e.getValue().path("data_offsets").get(1).asInt();
            float[] values = new float[(end - begin) / 4];
            in.position(dataStart + begin);
            in.asFloatBuffer().get(values);
            tensors.put(e.getKey(), new Tensor(shape, values));
        }
        return new EncoderAdapters(Encoder.byId(meta.path("encoder").asText()), Integer.parseInt(meta.path("rank").asText()),
                Float.parseFloat(meta.path("scale").asText()), tensors);
    }
}
