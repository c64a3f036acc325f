package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.batch.DynamicBatcher;
import dev.moodlens.inference.batch.RecordingModel;
import dev.moodlens.inference.batch.TaskBatchers;
import dev.moodlens.inference.testing.TinyModelsProfile;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.runtime.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(TinyModelsProfile.class)
class ServingTest {

    @Inject
    TaskBatchers batchers;

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    static final List<String> TEXTS = List.of("I love this great movie", "the day was awful and sad",
            "it is the movie", "good", "this was a bad bad day but the movie was fine", "ok fine");

    static JsonPath post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void singleTextGetsLabelScoresThatSumToOne() {
        JsonPath json = post("/v1/sentiment", Map.of("text", "I love this great movie"));
        assertEquals("positive", json.getString("results[0].label"));
        Map<String, Float> scores = json.getMap("results[0].scores", String.class, Float.class);
        assertEquals(List.of("negative", "neutral", "positive"), new ArrayList<>(scores.keySet()));
        double sum = scores.values().stream().mapToDouble(Float::doubleValue).sum();
        assertEquals(1.0, sum, 2e-3); // each score is rounded to 3 decimals
        assertEquals(false, json.getBoolean("results[0].truncated"));
        assertEquals("tiny-sentiment", json.getString("model.id"));
        assertTrue(json.getString("model.revision").length() >= 8);
    }

    @Test
    void batchAndSingleResultsAgreeAndRepeatsAreIdentical() {
        String batch = given().contentType(ContentType.JSON).body(Map.of("texts", TEXTS)).post("/v1/sentiment")
                .then().statusCode(200).extract().asString();
        List<Map<String, Object>> batched = JsonPath.from(batch).getList("results");
        for (int i = 0; i < TEXTS.size(); i++) {
            Map<String, Object> single = post("/v1/sentiment", Map.of("text", TEXTS.get(i))).getMap("results[0]");
            assertEquals(single, batched.get(i), "text " + i);
        }
        String again = given().contentType(ContentType.JSON).body(Map.of("texts", TEXTS)).post("/v1/sentiment")
                .then().statusCode(200).extract().asString();
        assertEquals(batch, again);
    }

    @Test
    void concurrentRequestsGetTheSameAnswersAsAlone() throws Exception {
        Map<String, Object> alone = post("/v1/sentiment", Map.of("text", TEXTS.get(4))).getMap("results[0]");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Map<String, Object>>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> post("/v1/sentiment",
                    Map.of("texts", List.of(TEXTS.get(n % TEXTS.size()), TEXTS.get(4)))).getMap("results[1]"), pool));
        }
        for (CompletableFuture<Map<String, Object>> call : calls) {
            assertEquals(alone, call.get());
        }
        pool.shutdown();
    }

    @Test
    void emotionAndClassifyAnswerBothTasks() {
        post("/v1/emotion", Map.of("texts", TEXTS.subList(0, 2))).getList("results");
        JsonPath both = post("/v1/classify", Map.of("texts", TEXTS.subList(0, 3)));
        assertEquals(3, both.getList("results").size());
        assertEquals("positive", both.getString("results[0].sentiment.label"));
        assertTrue(both.getMap("results[1].emotion.scores").size() >= 2);
        assertEquals("tiny-sentiment", both.getString("sentimentModel.id"));
        assertEquals("tiny-emotion", both.getString("emotionModel.id"));
    }

    @Test
    void longTextsAreTruncatedAndFlagged() {
        JsonPath json = post("/v1/sentiment", Map.of("text", "good ".repeat(100)));
        assertTrue(json.getBoolean("results[0].truncated"));
    }

    @Test
    void badInputIsProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("text", "  ")).post("/v1/sentiment")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body(Map.of("texts", List.of())).post("/v1/sentiment")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("texts", List.of("good", ""))).post("/v1/emotion")
                .then().statusCode(400).body("detail", containsString("texts[1]"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/classify").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"text\": \"good\"").post("/v1/sentiment")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("text", "a", "texts", List.of("b")))
                .post("/v1/sentiment").then().statusCode(400);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= TinyModelsProfile.MAX_TEXTS; i++) {
            tooMany.add("ok");
        }
        given().contentType(ContentType.JSON).body(Map.of("texts", tooMany)).post("/v1/sentiment")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at most " + TinyModelsProfile.MAX_TEXTS));
    }

    @Test
    void oversizedBodyIs413ProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("text", "x".repeat(TinyModelsProfile.MAX_BODY + 10)))
                .post("/v1/sentiment")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    /** Review finding 1: a chunked body (no Content-Length) over the limit was read and classified (11.8 s of CPU). */
    @Test
    void finding1ChunkedBodyOverTheLimitIs413BeforeAnyWork() throws Exception {
        byte[] body = ("{\"text\":\"" + "x ".repeat(TinyModelsProfile.MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/sentiment"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.service())
                // an InputStream of unknown length goes out chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("at most " + TinyModelsProfile.MAX_BODY + " bytes"), response.body());
    }

    /** Review finding 1: each text's characters are capped before tokenizing; read by sentence a longer text is refused. */
    @Test
    void finding1LongTextsAreCutBeforeTokenizingOrRefusedBySentence() {
        String long1 = "good ".repeat(TinyModelsProfile.MAX_TEXT_CHARS / 5 + 10);
        post("/v1/sentiment", Map.of("text", long1)); // read as one input: cut, answered
        given().contentType(ContentType.JSON).body(Map.of("texts", List.of("fine", long1), "granularity", "sentence"))
                .post("/v1/classify").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("texts[1] has " + long1.length() + " characters"));
    }

    @Test
    void overloadIs503WithRetryAfter() throws Exception {
        // every sentiment worker held by a text of a gated model and one more text waiting: the queue is not empty,
        // so a request that does not fit is refused at once, never queued
        DynamicBatcher sentiment = batchers.of(Task.SENTIMENT);
        RecordingModel gated = new RecordingModel();
        gated.gate = new CountDownLatch(1);
        List<CompletableFuture<List<Prediction>>> held = new ArrayList<>();
        try {
            for (int i = 0; i < 64 && !stillWaiting(sentiment); i++) {
                held.add(sentiment.submit(gated, List.of(RecordingModel.text(4))));
            }
            assertTrue(sentiment.queueDepth() > 0, "a text waits behind the held workers");
            given().contentType(ContentType.JSON).body(Map.of("texts", texts(TinyModelsProfile.QUEUE_CAPACITY)))
                    .post("/v1/sentiment")
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .contentType("application/problem+json");
        } finally {
            gated.gate.countDown();
        }
        for (CompletableFuture<List<Prediction>> f : held) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestLargerThanTheQueueIsAnsweredWhenNothingElseWaits() {
        // 32 long journal entries read by sentence hold more texts than the queue: refused on size alone they
        // would be refused forever
        JsonPath json = post("/v1/sentiment", Map.of("texts", texts(TinyModelsProfile.QUEUE_CAPACITY + 1)));
        assertEquals(TinyModelsProfile.QUEUE_CAPACITY + 1, json.getList("results").size());
    }

    /** True when a text is still queued a while after the last submission: every worker is held. */
    private static boolean stillWaiting(DynamicBatcher batcher) throws InterruptedException {
        Thread.sleep(50); // a free worker takes the last text and blocks in the gate
        if (batcher.queueDepth() == 0) {
            return false;
        }
        Thread.sleep(200); // a slow worker would have taken it by now
        return batcher.queueDepth() > 0;
    }

    private static List<String> texts(int count) {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            many.add("good day " + i);
        }
        return many;
    }

    @Test
    void modelsAndHealthSayWhatServes() {
        given().get("/v1/models").then().statusCode(200)
                .body("models", hasSize(2))
                .body("models[0].task", equalTo("sentiment"))
                .body("models[0].source", equalTo("path"))
                .body("models[0].sha256", notNullValue())
                .body("models[0].loadedAt", notNullValue());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models' }.data.sentiment", containsString("tiny-sentiment"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsAreExported() {
        post("/v1/sentiment", Map.of("text", "good"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("moodlens_batch_size", "moodlens_batch_queue_depth", "moodlens_batch_inference_seconds",
                "moodlens_batch_queue_wait_seconds", "moodlens_model_load_seconds", "http_server_requests_seconds_bucket")) {
            assertTrue(metrics.contains(name), name);
        }
    }
}
