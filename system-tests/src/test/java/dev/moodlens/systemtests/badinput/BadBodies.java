package dev.moodlens.systemtests.badinput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded generator of request bodies for the bad-input tests: JSON objects with the right field names and
 * random values of any type (huge, empty, control characters, numbers, arrays, objects, null), malformed
 * JSON, invalid UTF-8 spliced into JSON, raw control characters, random bytes and odd JSON documents.
 * The same seed gives the same bodies, so a failure names its seed and try.
 */
final class BadBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x82}, {(byte) 0xc0, (byte) 0xaf}, {0x00}};
    private static final String[] PLAIN = {"I slept well and feel great", "awful, awful day", "meh", "😀 🎉 ünïcödé",
            "2026-11-01T08:30:00Z", "2026-13-45", "not-a-date", "   ", "\t\n", "null", "<script>alert(1)</script>",
            "'; drop table entry; --", "../../etc/passwd"};
    private static final String[] ODD_JSON = {"", "null", "[]", "42", "\"text\"", "{", "}", "{\"text\":", "[{\"text\":\"a\"}]",
            "{\"text\":\"a\",\"text\":\"b\"}", "{\"text\":\"\\ud800\"}", "{\"text\":\"\\u0000\"}", "{'text':'single quotes'}",
            "{\"text\":\"a\"} trailing", "\uFEFF{\"text\":\"bom\"}", "{\"message\":1e999}", "{\"texts\":[[[[[]]]]]}",
            "[".repeat(5000), "{\"a\":".repeat(2000)};
    /** Past each service's per-text limits (chat 4,000, entries 50,000, inference 1 MB) and the 512 KiB entry body. */
    private static final int[] HUGE = {4_001, 50_001, 100_000, 600_000, 1_100_000};

    private final Random random;
    /** Its own sequence, so that the bodies of a seed are the same whether or not they go chunked. */
    private final Random framing;

    BadBodies(long seed) {
        this.random = new Random(seed);
        this.framing = new Random(~seed);
    }

    /** Whether the next body goes chunked (no Content-Length): a third of them. */
    boolean chunked() {
        return framing.nextInt(3) == 0;
    }

    /** What kind of body {@link #next} made last (for the figures). */
    String lastKind;

    /** Any value a field may get, of any JSON type. */
    Object anyValue() {
        int pick = random.nextInt(18);
        return switch (pick) {
            case 0, 1, 2, 3 -> PLAIN[random.nextInt(PLAIN.length)];
            case 4, 5, 6 -> randomString('\u0000', '\ud7ff', random.nextInt(61));
            case 7, 8 -> randomString('\u0000', '\u001f', 1 + random.nextInt(12));
            case 9 -> "";
            case 10 -> "x".repeat(HUGE[random.nextInt(HUGE.length)]);
            case 11 -> random.nextInt();
            case 12 -> random.nextBoolean() ? random.nextDouble() * 1e300 : random.nextLong();
            case 13 -> random.nextBoolean();
            case 14 -> null;
            case 15, 16 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4) == 0 ? 65 + random.nextInt(10) : random.nextInt(6);
                for (int i = 0; i < size; i++) {
                    list.add(random.nextInt(5) == 0 ? random.nextInt() : PLAIN[random.nextInt(PLAIN.length)]);
                }
                yield list;
            }
            default -> Map.of("nested", PLAIN[random.nextInt(PLAIN.length)]);
        };
    }

    /** A JSON object over a random subset of the fields; a field with its own generator uses it. */
    byte[] object(List<String> fields, Map<String, Function<BadBodies, Object>> special) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String field : fields) {
            if (random.nextInt(4) != 0) {
                map.put(field, special.containsKey(field) ? special.get(field).apply(this) : anyValue());
            }
        }
        try {
            return JSON.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next body: a well-formed object with random values, or one of the malformed kinds. */
    byte[] next(List<String> fields, Map<String, Function<BadBodies, Object>> special) {
        int pick = random.nextInt(14);
        if (pick < 6) {
            lastKind = "random values";
            return object(fields, special);
        }
        if (pick < 8) {
            lastKind = "truncated JSON";
            byte[] whole = object(fields, special);
            return Arrays.copyOf(whole, random.nextInt(Math.max(1, whole.length)));
        }
        if (pick < 10) {
            lastKind = "invalid UTF-8";
            return splice(object(fields, special), INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
        }
        if (pick < 11) {
            lastKind = "raw control characters";
            String field = fields.get(random.nextInt(fields.size()));
            return ("{\"" + field + "\":\"a" + randomString('\u0000', '\u001f', 1 + random.nextInt(8)) + "b\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (pick < 12) {
            lastKind = "random bytes";
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        lastKind = "odd JSON";
        return ODD_JSON[random.nextInt(ODD_JSON.length)].getBytes(StandardCharsets.UTF_8);
    }

    /** Mostly the right content type, sometimes a wrong one. */
    String contentType(String right) {
        return switch (random.nextInt(14)) {
            case 0 -> "text/plain";
            case 1 -> "application/xml";
            default -> right;
        };
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String randomString(char from, char to, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (from + random.nextInt(to - from + 1)));
        }
        return out.toString();
    }

    private byte[] splice(byte[] json, byte[] bad) {
        int at = random.nextInt(json.length + 1);
        byte[] out = new byte[json.length + bad.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(json, at, out, at + bad.length, json.length - at);
        return out;
    }
}
