package dev.moodlens.analysis.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.Classification;
import dev.moodlens.common.api.ModelStamp;
import dev.moodlens.common.api.SentenceAnalysis;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.testing.StandInHttp;
import dev.moodlens.reading.Sentence;
import dev.moodlens.reading.SentenceSplitter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in inference service for tests: answers POST /v1/classify deterministically from keywords,
 * counts the texts it classified, and can be switched off (it then answers 503, as a dead or
 * overloaded service would through a proxy) and on again.
 */
public class StubInference implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SentenceSplitter SPLITTER = new SentenceSplitter();
    private static final Set<String> POSITIVE = Set.of("happy", "great", "good", "love", "loved", "wonderful", "grateful",
            "joy", "calm", "excited", "proud", "fun", "glad", "better", "lucky", "laughed", "beautiful", "hopeful", "cheered");
    private static final Set<String> NEGATIVE = Set.of("sad", "bad", "awful", "terrible", "angry", "anxious", "tired",
            "lonely", "stress", "stressed", "worried", "cried", "hate", "worst", "hopeless", "scared", "heavy", "alone",
            "blankness", "sadness", "lost", "hurts");
    private static final Map<String, String> EMOTION_WORDS = Map.ofEntries(Map.entry("love", "love"),
            Map.entry("loved", "love"), Map.entry("hug", "love"), Map.entry("angry", "anger"), Map.entry("furious", "anger"),
            Map.entry("scared", "fear"), Map.entry("anxious", "fear"), Map.entry("afraid", "fear"),
            Map.entry("worried", "fear"), Map.entry("surprised", "surprise"), Map.entry("suddenly", "surprise"),
            Map.entry("sad", "sadness"), Map.entry("cried", "sadness"), Map.entry("lonely", "sadness"));
    private static final List<String> EMOTIONS = List.of("sadness", "joy", "love", "anger", "fear", "surprise");

    private static volatile HttpServer server;
    private static volatile String lastAuthorization;
    private static final AtomicBoolean UP = new AtomicBoolean(true);
    private static final AtomicInteger TEXTS = new AtomicInteger();
    /** A text containing this is refused with 400 (a poison entry), with the whole request it came in. */
    public static final String REFUSE = "[stub-refuses-this]";
    private static final AtomicInteger REFUSED = new AtomicInteger();
    /** The next this-many classify calls answer 503 with Retry-After, as the real service does when its queue is full. */
    private static final AtomicInteger BUSY = new AtomicInteger();
    private static final Map<String, AtomicInteger> PER_TEXT = new java.util.concurrent.ConcurrentHashMap<>();
    /** A fresh revision per run, so the per-text Redis cache never answers from an earlier test run. */
    private static volatile String revision = "stub-" + UUID.randomUUID().toString().substring(0, 8);
    /** How the stub says it reads by sentence (the real service: its reading rule and share). */
    private static volatile String reading = "sentence:stub";

    @Override
    public Map<String, String> start() {
        server = StandInHttp.start("/v1/classify", StubInference::classify);
        return Map.of("moodlens.analysis.inference-url", StandInHttp.url(server));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static void up() {
        UP.set(true);
    }

    public static void down() {
        UP.set(false);
    }

    /** The next {@code calls} classify calls answer 503 with {@code Retry-After: 0} (a full queue); 0 ends it. */
    public static void busyFor(int calls) {
        BUSY.set(calls);
    }

    /** Busy answers still to give. */
    public static int busyLeft() {
        return BUSY.get();
    }

    /** Requests refused because of a {@link #REFUSE} text. */
    public static int refusedRequests() {
        return REFUSED.get();
    }

    public static int textsClassified() {
        return TEXTS.get();
    }

    /** How often this exact text was sent (unlike the total, not disturbed by background rescoring of others). */
    public static int timesClassified(String text) {
        AtomicInteger n = PER_TEXT.get(text);
        return n == null ? 0 : n.get();
    }

    /** The Authorization header of the last classify call. */
    public static String lastAuthorization() {
        return lastAuthorization;
    }

    public static String revision() {
        return revision;
    }

    /** As if an operator changed the inference service's reading configuration. */
    public static void newReading() {
        reading = "sentence:stub-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void newRevision() {
        revision = "stub-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void classify(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (!UP.get()) {
                send(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
                return;
            }
            // Like the real service: no token, no answer (so every test proves the service token is sent).
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastAuthorization = authorization;
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            if (BUSY.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"the sentiment queue is full; retry shortly\"}");
                return;
            }
            JsonNode request = JSON.readTree(body);
            List<String> texts = new ArrayList<>();
            if (request.hasNonNull("text")) {
                texts.add(request.get("text").asText());
            }
            if (request.has("texts")) {
                request.get("texts").forEach(t -> texts.add(t.asText()));
            }
            if (texts.stream().anyMatch(t -> t.contains(REFUSE))) {
                // as the real service refuses a request with a text it will not classify
                REFUSED.incrementAndGet();
                send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"texts: a text the stub refuses\"}");
                return;
            }
            TEXTS.addAndGet(texts.size());
            texts.forEach(t -> PER_TEXT.computeIfAbsent(t, x -> new AtomicInteger()).incrementAndGet());
            boolean bySentence = "sentence".equals(request.path("granularity").asText(null));
            List<TextAnalysis> results = texts.stream().map(t -> bySentence ? bySentence(t) : analyze(t)).toList();
            AnalyzeResponse response = new AnalyzeResponse(results, new ModelStamp("stub/sentiment", revision),
                    new ModelStamp("stub/emotion", revision), bySentence ? reading : AnalyzeResponse.WHOLE_TEXT);
            send(exchange, 200, JSON.writeValueAsString(response));
        }
    }

    /** As the real service reads by sentence: each sentence's own result with offsets, equal weights. */
    static TextAnalysis bySentence(String text) {
        List<Sentence> sentences = SPLITTER.split(text);
        List<SentenceAnalysis> each = new ArrayList<>();
        for (Sentence s : sentences) {
            TextAnalysis a = analyze(s.of(text));
            each.add(new SentenceAnalysis(s.start(), s.end(), 1.0 / sentences.size(), a.sentiment(), a.emotion()));
        }
        TextAnalysis whole = analyze(text);
        return new TextAnalysis(whole.sentiment(), whole.emotion(), each);
    }

    static TextAnalysis analyze(String text) {
        int positive = 0;
        int negative = 0;
        Map<String, Integer> emotionHits = new LinkedHashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
            positive += POSITIVE.contains(word) ? 1 : 0;
            negative += NEGATIVE.contains(word) ? 1 : 0;
            if (EMOTION_WORDS.containsKey(word)) {
                emotionHits.merge(EMOTION_WORDS.get(word), 1, Integer::sum);
            }
        }
        Map<String, Double> sentiment = new LinkedHashMap<>();
        String label;
        if (positive > negative) {
            label = "positive";
            sentiment.put("negative", 0.05);
            sentiment.put("neutral", 0.15);
            sentiment.put("positive", 0.8);
        } else if (negative > positive) {
            label = "negative";
            sentiment.put("negative", 0.85);
            sentiment.put("neutral", 0.1);
            sentiment.put("positive", 0.05);
        } else {
            label = "neutral";
            sentiment.put("negative", 0.2);
            sentiment.put("neutral", 0.6);
            sentiment.put("positive", 0.2);
        }
        String emotion = emotionHits.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(label.equals("negative") ? "sadness" : label.equals("positive") ? "joy" : "surprise");
        Map<String, Double> emotions = new LinkedHashMap<>();
        for (String e : EMOTIONS) {
            emotions.put(e, e.equals(emotion) ? 0.75 : 0.05);
        }
        return new TextAnalysis(new Classification(label, sentiment.get(label), sentiment, false),
                new Classification(emotion, 0.75, emotions, false));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        StandInHttp.send(exchange, status, "application/json", json);
    }
}
