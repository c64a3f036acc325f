package dev.moodlens.systemtests.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.MoodLensSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and malformed requests sent raw over HTTP to the request types of all three services (a seeded fuzz
 * test: -Dbadinput.seed and -Dbadinput.tries change it; a third of the bodies go chunked, without Content-Length,
 * and strings run past every per-text limit): every answer is a 4xx problem JSON or a correct 2xx,
 * never a 5xx, and a refused write stores nothing (entries and conversations counted before and after).
 */
@Order(5)
class BadInputIT {

    static final long SEED = Long.getLong("badinput.seed", 20261126L);
    static final int TRIES = Integer.getInteger("badinput.tries", 200);
    static final String USER = "fuzz-user";
    static final String CHAT_USER = "chat-fuzz";
    // The defects this test once tolerated are fixed: strict unless -Dbadinput.strict=false.
    static final boolean STRICT = Boolean.parseBoolean(System.getProperty("badinput.strict", "true"));
    static final Map<String, Integer> FIGURES = new TreeMap<>();

    @Test
    void inferenceAnswersEveryBodyWithProblemJsonOrAResult() {
        MoodLensSuite suite = MoodLensSuite.get();
        BadBodies bodies = new BadBodies(SEED);
        List<String> paths = List.of("/v1/sentiment", "/v1/emotion", "/v1/classify");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String path = paths.get(bodies.nextInt(paths.size()));
            byte[] body = bodies.next(List.of("text", "texts"), Map.of());
            boolean chunked = bodies.chunked();
            Http.Answer answer = Http.send("POST", suite.inference.url() + path, bodies.contentType("application/json"), body, chunked);
            String problem = judge("inference", answer, body);
            if (problem == null && answer.status() < 300) {
                JsonNode results = answer.json().get("results");
                problem = results != null && results.isArray() && results.size() > 0 ? null : "2xx without results";
            }
            record(failures, i, bodies.lastKind, "POST " + path + framing(chunked), body, answer, problem);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + SEED + "):\n" + String.join("\n", failures));
    }

    @Test
    void analysisRefusesBadEntriesAndStoresNothingOfThem() {
        MoodLensSuite suite = MoodLensSuite.get();
        BadBodies bodies = new BadBodies(SEED + 1);
        Http.Answer target = Http.postJson(suite.entries(USER), Map.of("text", "The entry that fuzzed updates target."));
        assertTrue(target.status() == 201, target::toString);
        String existing = target.json().get("id").asText();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String write = List.of("create", "update", "import").get(bodies.nextInt(3));
            byte[] body = bodies.next(List.of("text", "writtenAt", "title", "tags"), Map.of());
            boolean chunked = bodies.chunked();
            long before = suite.entryCount(USER);
            Http.Answer answer = switch (write) {
                case "create" -> Http.send("POST", suite.entries(USER), bodies.contentType("application/json"), body, chunked);
                case "update" -> Http.send("PUT", suite.entries(USER) + "/" + existing, bodies.contentType("application/json"),
                        body, chunked);
                default -> Http.send("POST", suite.entries(USER) + "/import", "application/x-ndjson", betweenValidLines(body),
                        chunked);
            };
            long after = suite.entryCount(USER);
            String problem = judge("analysis", answer, body);
            if (problem == null) {
                long expected = answer.status() >= 400 ? before : switch (write) {
                    case "create" -> before + 1;
                    case "update" -> before;
                    default -> before + answer.json().get("imported").asLong();
                };
                if (after != expected) {
                    problem = "entries " + before + " -> " + after + ", expected " + expected
                            + (answer.status() >= 400 ? " (a refused write stored something)" : "");
                }
            }
            record(failures, i, bodies.lastKind, write + framing(chunked), body, answer, problem);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + (SEED + 1) + "):\n" + String.join("\n", failures));
    }

    @Test
    void chatRefusesBadMessagesAndStoresNothingOfThem() {
        MoodLensSuite suite = MoodLensSuite.get();
        BadBodies bodies = new BadBodies(SEED + 2);
        String conversations = suite.chat.url() + "/v1/conversations?user=" + CHAT_USER;
        Map<String, Function<BadBodies, Object>> special = Map.of("user", b -> b.nextInt(5) == 0 ? b.anyValue() : CHAT_USER);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String path = bodies.nextInt(4) == 0 ? "/v1/chat/stream" : "/v1/chat";
            byte[] body = bodies.next(List.of("user", "conversationId", "message"), special);
            boolean chunked = bodies.chunked();
            String before = Http.get(conversations).body();
            Http.Answer answer = Http.send("POST", suite.chat.url() + path, bodies.contentType("application/json"), body, chunked);
            String problem = judge("chat", answer, body);
            if (problem == null && answer.status() >= 400 && !before.equals(Http.get(conversations).body())) {
                problem = "a refused message changed the conversations";
            } else if (problem == null && answer.status() < 300 && path.equals("/v1/chat") && !answer.json().hasNonNull("reply")) {
                problem = "2xx without reply";
            }
            record(failures, i, bodies.lastKind, "POST " + path + framing(chunked), body, answer, problem);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + (SEED + 2) + "):\n" + String.join("\n", failures));
    }

    @Test
    void chatAccountAndJournalRoutesRefuseBadBodiesAndStoreNothingOfThem() {
        MoodLensSuite suite = MoodLensSuite.get();
        BadBodies bodies = new BadBodies(SEED + 3);
        String journal = suite.chat.url() + "/v1/journal/entries";
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String route = List.of("register", "login", "entry", "import").get(bodies.nextInt(4));
            boolean chunked = bodies.chunked();
            long before = suite.entryCount(CHAT_USER);
            byte[] body;
            Http.Answer answer;
            if (route.equals("register") || route.equals("login")) {
                // Anonymous, as the sign-in form calls them.
                body = bodies.next(List.of("user", "password"), Map.of());
                answer = Http.anonymous(HttpRequest.newBuilder(URI.create(suite.chat.url() + "/v1/auth/" + route))
                        .header("Content-Type", bodies.contentType("application/json"))
                        .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body)));
            } else if (route.equals("entry")) {
                body = bodies.next(List.of("text", "writtenAt", "title", "tags"), Map.of());
                answer = Http.send("POST", journal + "?user=" + CHAT_USER, bodies.contentType("application/json"), body, chunked);
            } else {
                body = bodies.next(List.of("text", "writtenAt", "title", "tags"), Map.of());
                answer = Http.send("POST", journal + "/import?user=" + CHAT_USER, "application/x-ndjson",
                        betweenValidLines(body), chunked);
            }
            String problem = judge("chat", answer, body);
            if (problem == null && answer.status() >= 400 && suite.entryCount(CHAT_USER) != before) {
                problem = "a refused write stored something";
            }
            record(failures, i, bodies.lastKind, route + framing(chunked), body, answer, problem);
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers (seed " + (SEED + 3) + "):\n" + String.join("\n", failures));
    }

    /**
     * Null when the answer is acceptable: a 2xx, or a 4xx with problem JSON; never a 5xx. Two defects found by
     * this test are tolerated (and counted as "known ...") until their owners fix them, unless -Dbadinput.strict=true:
     * a wrong-shaped JSON body bound to a record gets a bare 400 with no body (Quarkus' built-in
     * MismatchedInputException mapper wins over ProblemMappers), and a NUL character in an entry is a 500
     * (PostgreSQL text cannot hold 0x00). See FINDINGS in system-tests/README.md.
     */
    private static String judge(String service, Http.Answer answer, byte[] body) {
        String outcome = Integer.toString(answer.status());
        String problem = null;
        if (answer.status() >= 500) {
            problem = "5xx";
            if (!STRICT && service.equals("analysis") && answer.status() == 500 && containsNul(body)) {
                outcome = "500 known: NUL character in an entry";
                problem = null;
            }
        } else if (answer.status() >= 400 && !answer.isProblem()) {
            problem = "4xx without problem JSON";
            if (!STRICT && answer.status() == 400 && answer.body().isEmpty() && answer.contentType() == null) {
                outcome = "400 known: empty body for wrong-shaped JSON";
                problem = null;
            }
        } else if (answer.status() < 200 || answer.status() >= 300 && answer.status() < 400) {
            problem = "unexpected status";
        }
        synchronized (FIGURES) {
            FIGURES.merge(service + " tried", 1, Integer::sum);
            FIGURES.merge(service + " " + outcome, 1, Integer::sum);
        }
        return problem;
    }

    private static boolean containsNul(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.contains("\\u0000") || text.indexOf((char) 0) >= 0;
    }

    private static void record(List<String> failures, int i, String kind, String request, byte[] body, Http.Answer answer, String problem) {
        if (problem != null) {
            String sent = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            failures.add("try " + i + " [" + kind + "] " + request + " body(" + body.length + " bytes)=" + sent
                    + " -> " + answer + " : " + problem);
        }
    }

    private static String framing(boolean chunked) {
        return chunked ? " (chunked)" : "";
    }

    /** An import body: the generated record between two valid lines (imports are all or nothing). */
    private static byte[] betweenValidLines(byte[] record) {
        byte[] valid = "{\"text\":\"a fine valid line\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[valid.length * 2 + record.length + 1];
        System.arraycopy(valid, 0, out, 0, valid.length);
        System.arraycopy(record, 0, out, valid.length, record.length);
        out[valid.length + record.length] = '\n';
        System.arraycopy(valid, 0, out, valid.length + record.length + 1, valid.length);
        return out;
    }

    @AfterAll
    static void figures() {
        System.out.printf("[figures] bad-input (seed %d, %d tries per service): %s%n", SEED, TRIES, FIGURES);
    }
}
