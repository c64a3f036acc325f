package dev.moodlens.chat;

import static dev.moodlens.common.testing.StandInHttp.send;
import static dev.moodlens.common.testing.StandInHttp.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.testing.StandInHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local HTTP stand-ins for the inference service, the analysis service and an OpenAI-compatible model
 * endpoint, on loopback ports chosen by the OS. Tests steer them through the static fields and call
 * {@link #reset()} before each test.
 */
public class StandInServers implements QuarkusTestResourceLifecycleManager {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Tokens the model stand-in streams for an ordinary message. */
    public static final List<String> MODEL_TOKENS = List.of("I ", "hear ", "you. ", "Tell ", "me ", "more.");
    /** What the model stand-in answers when the user message contains "script". */
    public static final String SCRIPT_REPLY = "Here is some code: <script>window.pwned=true</script> <b>bold</b> done.";

    public static volatile boolean inferenceDown;
    public static volatile boolean analysisDown;
    /** The detail of the analysis stand-in's 503 problem while it is down (none when null). */
    public static volatile String analysisDownDetail;
    /** Statuses the model stand-in answers with, one per call, before streaming normally (e.g. 429, 500). */
    public static final ConcurrentLinkedDeque<Integer> modelFailures = new ConcurrentLinkedDeque<>();
    /** When set, the model stand-in streams two tokens and then waits for this latch before the rest. */
    public static volatile CountDownLatch modelHold;
    /** When true, the model stand-in sends an error event after two tokens, as an overloaded server does. */
    public static volatile boolean modelErrorMidway;
    public static final List<JsonNode> modelRequests = new CopyOnWriteArrayList<>();
    public static final List<String> modelAuthorizations = new CopyOnWriteArrayList<>();
    /** Authorization headers of the calls to the inference and analysis stand-ins. */
    public static final List<String> serviceAuthorizations = new CopyOnWriteArrayList<>();
    public static final List<JsonNode> addedEntries = new CopyOnWriteArrayList<>();
    public static final AtomicInteger contextCalls = new AtomicInteger();
    public static final AtomicInteger classifyCalls = new AtomicInteger();

    private final List<HttpServer> servers = new ArrayList<>();
    private String backend = "openai";

    /** Init argument "backend" chooses moodlens.chat.llm.backend (default openai, pointing at the model stand-in). */
    @Override
    public void init(Map<String, String> initArgs) {
        backend = initArgs.getOrDefault("backend", backend);
    }

    public static void reset() {
        inferenceDown = false;
        analysisDown = false;
        analysisDownDetail = null;
        StandInJournal.reset();
        modelFailures.clear();
        modelHold = null;
        modelErrorMidway = false;
        modelRequests.clear();
        modelAuthorizations.clear();
        serviceAuthorizations.clear();
        addedEntries.clear();
        contextCalls.set(0);
        classifyCalls.set(0);
    }

    @Override
    public Map<String, String> start() {
        HttpServer inference = server(StandInServers::inference);
        HttpServer analysis = server(StandInServers::analysis);
        HttpServer model = server(StandInServers::model);
        return Map.of(
                "moodlens.chat.inference-url", url(inference),
                "moodlens.chat.analysis-url", url(analysis),
                "moodlens.chat.llm.backend", backend,
                "moodlens.chat.llm.openai.base-url", url(model) + "/v1",
                "moodlens.chat.llm.openai.api-key", "test-key",
                "moodlens.chat.llm.openai.model", "stand-in",
                "moodlens.chat.llm.openai.stop", "<END>");
    }

    @Override
    public void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private HttpServer server(StandInHttp.Handler handler) {
        HttpServer server = StandInHttp.start("/", handler);
        servers.add(server);
        return server;
    }

    // ---- inference ---------------------------------------------------------------------------

    private static void inference(HttpExchange exchange) throws IOException {
        classifyCalls.incrementAndGet();
        serviceAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (inferenceDown) {
            send(exchange, 503, "application/problem+json", "{\"status\":503,\"title\":\"Service Unavailable\"}");
            return;
        }
        TextsRequest request = JSON.readValue(exchange.getRequestBody(), TextsRequest.class);
        List<TextAnalysis> results = request.all().stream().map(StandInServers::analyse).toList();
        send(exchange, 200, "application/json", JSON.writeValueAsString(new AnalyzeResponse(results,
                new ModelStamp("stand-in-sentiment", "1"), new ModelStamp("stand-in-emotion", "1"), "sentence:stand-in")));
    }

    static TextAnalysis analyse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        String emotion = t.contains("sad") || t.contains("tired") || t.contains("lonely") ? "sadness"
                : t.contains("angry") ? "anger"
                : t.contains("worried") || t.contains("scared") ? "fear"
                : t.contains("love") ? "love" : "joy";
        String sentiment = emotion.equals("joy") || emotion.equals("love") ? "positive" : "negative";
        return new TextAnalysis(new Classification(sentiment, 0.9, Map.of(sentiment, 0.9, "neutral", 0.1), false),
                new Classification(emotion, 0.8, Map.of(emotion, 0.8, "surprise", 0.2), false));
    }

    // ---- analysis ------------------------------------------------------------------------------

    private static void analysis(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        serviceAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (analysisDown) {
            send(exchange, 503, "application/problem+json", analysisDownDetail == null
                    ? "{\"status\":503,\"title\":\"Service Unavailable\"}"
                    : "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":" + JSON.writeValueAsString(analysisDownDetail) + "}");
            return;
        }
        String[] parts = path.split("/"); // "", v1, users, {user}, context|entries|analysis, ...
        String method = exchange.getRequestMethod();
        if (parts.length == 5 && parts[4].equals("context") && method.equals("GET")) {
            contextCalls.incrementAndGet();
            send(exchange, 200, "application/json", JSON.writeValueAsString(journalOf(parts[3])));
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (parts.length == 5 && parts[4].equals("entries") && method.equals("POST")) {
            JsonNode entry = JSON.readTree(body);
            if (entry.path("text").asText().contains("reject")) {
                send(exchange, 400, "application/problem+json",
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"writtenAt is in the future\"}");
                return;
            }
            addedEntries.add(entry);
        }
        StandInJournal.Answer answer = parts.length >= 5
                ? StandInJournal.handle(method, parts, exchange.getRequestURI().getRawQuery(), body,
                exchange.getRequestHeaders().getFirst("Content-Type"))
                : null;
        if (answer == null) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
        } else if (answer.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, answer.status(), answer.type(), answer.body());
        }
    }

    /** A declining journal for every user except "newcomer", whose journal is empty. */
    static JournalContext journalOf(String user) {
        if (user.equals("newcomer")) {
            return JournalContext.empty(user);
        }
        List<JournalContext.DailyMood> days = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 11, 1);
        for (int i = 0; i < 14; i++) {
            days.add(new JournalContext.DailyMood(start.plusDays(i).toString(), 0.6 - i * 0.08 + (i % 3) * 0.1, 1));
        }
        return new JournalContext(user, 14, 0, -0.25, "declining", List.of("sadness", "fear"),
                List.of("4 low days in a row"),
                List.of(new JournalContext.EntrySnippet("e-1", "2026-11-13T21:00:00Z",
                        "Couldn't sleep again, the project deadline keeps me up", "fear", -0.6)),
                days);
    }

    // ---- OpenAI-compatible model -----------------------------------------------------------------

    private static void model(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
            send(exchange, 404, "application/json", "{\"error\":{\"message\":\"not found\"}}");
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        modelRequests.add(request);
        modelAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Integer failure = modelFailures.poll();
        if (failure != null) {
            send(exchange, failure, "application/json", "{\"error\":{\"message\":\"stand-in failure " + failure + "\"}}");
            return;
        }
        JsonNode messages = request.path("messages");
        String last = messages.path(messages.size() - 1).path("content").asText();
        List<String> tokens = last.contains("script") ? List.of(SCRIPT_REPLY.split("(?<= )")) : MODEL_TOKENS;
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
        for (int i = 0; i < tokens.size(); i++) {
            if (i == 2 && modelErrorMidway) {
                event(out, "{\"error\":{\"message\":\"server overloaded\"}}");
                return;
            }
            if (i == 2 && modelHold != null) {
                try {
                    modelHold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString(tokens.get(i))
                    + "},\"finish_reason\":null}]}");
        }
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "[DONE]");
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
