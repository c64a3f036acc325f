package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.support.StubInference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(StubInference.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysisApiTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    static final Path SAMPLE = Path.of("../deploy/sample/demo-journal.jsonl");

    @AfterEach
    void inferenceBackUp() {
        StubInference.up();
    }

    static String importSample() throws Exception {
        String user = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = Files.exists(SAMPLE) ? Files.readAllBytes(SAMPLE) : fallbackJournal();
        int lines = (int) new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
        given().contentType("application/x-ndjson").body(body).post("/v1/users/{u}/entries/import", user)
                .then().statusCode(201).body("imported", is(lines));
        // Scoring runs in the background after an import; wait for it, so that the cache assertions
        // below are about caching only (a cold analysis would otherwise also pick up late scores).
        awaitScored(user, lines);
        return user;
    }

    /** Used only while the shared sample journal does not exist. */
    static byte[] fallbackJournal() {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < 60; d++) {
            String text = d < 20 ? "A good day with friends, happy and grateful." : d < 40
                    ? "A sad and lonely day, anxious and tired. Some nights I wonder what the point is."
                    : "Better today, calm and hopeful after a run.";
            b.append("{\"writtenAt\":\"2026-09-").append(String.format("%02d", 1 + d % 30)).append("T2")
                    .append(d / 30).append(":00:00Z\",\"text\":\"").append(text).append(" Day ").append(d).append("\"}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Response get(String user, String analysis) {
        Response response = given().get("/v1/users/{u}/analysis/" + analysis, user).then().statusCode(200).extract().response();
        keep(analysis, response.asString());
        return response;
    }

    /** Keeps the latest answer of each analysis in target/analysis-samples for reading (README examples). */
    static void keep(String name, String json) {
        try {
            Path dir = Path.of("target/analysis-samples");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), json);
        } catch (java.io.IOException e) {
            // only a convenience
        }
    }

    @Test
    void metricsShowCacheOutcomesAndEndpointLatency() throws Exception {
        String user = importSample();
        get(user, "personality");
        get(user, "personality");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("moodlens_cache_requests_total{"), "cache counter");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("moodlens_cache_requests_total{") && l.contains("outcome=\"hit\"")),
                "a cache hit after the second call");
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), "per-endpoint latency");
    }

    @Test
    void comprehensiveAnalysisOfTheSampleJournalCarriesEvidence() throws Exception {
        String user = importSample();
        Response first = get(user, "comprehensive");
        assertEquals("miss", first.header("X-Cache"));
        JsonPath a = first.jsonPath();
        int entries = a.getInt("basis.entryCount");
        assertTrue(entries > 50);
        assertEquals(entries, a.getInt("basis.scoredEntries"));
        assertEquals(0, a.getInt("basis.pendingEntries"));
        assertEquals(StubInference.revision(), a.getString("basis.models[0].revision"));
        assertTrue(a.getString("basis.disclaimer").contains("not a diagnosis"));
        assertFalse(a.getList("sentimentTrend.daily").isEmpty());
        assertFalse(a.getList("sentimentTrend.weekly").isEmpty());
        assertFalse(a.getList("emotions.overall").isEmpty());
        assertFalse(a.getList("emotions.byMonth").isEmpty());
        List<Map<String, Object>> themes = a.getList("themes");
        assertFalse(themes.isEmpty());
        themes.forEach(t -> assertFalse(((List<?>) t.get("examples")).isEmpty(), "examples of " + t.get("term")));
        assertEquals(24, a.getList("writingPatterns.byHourOfDay").size());
        assertEquals(7, a.getList("writingPatterns.byWeekday").size());
        assertTrue(a.getInt("writingPatterns.streaks.longestStreakDays") >= 2);
        assertEquals(3, a.getList("extremes.mostPositive").size());
        assertEquals(3, a.getList("extremes.mostNegative").size());
        assertTrue(a.getDouble("extremes.mostPositive[0].mood") > a.getDouble("extremes.mostNegative[0].mood"));
        // Evidence quotes the sentence that carried the mood, with its offsets into the entry.
        String quote = a.getString("extremes.mostNegative[0].quote");
        assertNotNull(quote);
        assertTrue(a.getInt("extremes.mostNegative[0].quoteEnd") > a.getInt("extremes.mostNegative[0].quoteStart"));
        assertFalse(a.getList("notableChanges").isEmpty());

        // Second call: from the cache, identical.
        Response second = get(user, "comprehensive");
        assertEquals("hit", second.header("X-Cache"));
        assertEquals(a.getString("basis.computedAt"), second.jsonPath().getString("basis.computedAt"));
        given().get("/q/metrics").then().body(containsString("moodlens_cache_requests_total{namespace=\"analysis-comprehensive\",outcome=\"hit\""));

        // A new entry invalidates it.
        given().contentType(ContentType.JSON).body("{\"text\": \"A new and happy entry.\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201);
        Response third = get(user, "comprehensive");
        assertEquals("miss", third.header("X-Cache"));
        assertEquals(entries + 1, third.jsonPath().getInt("basis.entryCount"));
        assertTrue(third.jsonPath().getLong("basis.journalRevision") > a.getLong("basis.journalRevision"));
    }

    @Test
    void personalityProfileExplainsEachTrait() throws Exception {
        String user = importSample();
        Response response = get(user, "personality");
        JsonPath p = response.jsonPath();
        assertEquals(List.of("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"),
                p.getList("traits.trait"));
        for (int i = 0; i < 5; i++) {
            double score = p.getDouble("traits[" + i + "].score");
            assertTrue(score >= 0 && score <= 100);
            double confidence = p.getDouble("traits[" + i + "].confidence");
            assertTrue(confidence > 0.5 && confidence < 1, "confidence " + confidence);
            assertFalse(p.getList("traits[" + i + "].signals").isEmpty());
            assertFalse(p.getList("traits[" + i + "].evidence").isEmpty(), "evidence of trait " + i);
        }
        assertTrue(p.getString("method").contains("not a validated personality test"));
        assertEquals("hit", get(user, "personality").header("X-Cache"));
    }

    @Test
    void predictiveAnalysisForecastsAndFlagsCrisisLanguageWithHelp() throws Exception {
        String user = importSample();
        JsonPath p = get(user, "predictive").jsonPath();
        assertEquals(14, p.getList("forecast.days").size());
        assertEquals(List.of(7, 14), p.getList("horizons.days"));
        for (int i = 0; i < 14; i++) {
            String day = "forecast.days[" + i + "].";
            assertTrue(p.getDouble(day + "lower95") <= p.getDouble(day + "lower80"));
            assertTrue(p.getDouble(day + "lower80") <= p.getDouble(day + "mood"));
            assertTrue(p.getDouble(day + "mood") <= p.getDouble(day + "upper80"));
            assertTrue(p.getDouble(day + "upper80") <= p.getDouble(day + "upper95"));
        }
        assertTrue(p.getString("forecast.method").contains("Holt"));
        List<String> types = p.getList("riskFactors.type");
        assertTrue(types.contains("crisisLanguage"), "risk factors: " + types);
        int crisis = types.indexOf("crisisLanguage");
        assertTrue(p.getString("riskFactors[" + crisis + "].help").contains("988"));
        assertFalse(p.getList("riskFactors[" + crisis + "].evidence").isEmpty());
        assertTrue(p.getString("support").contains("not a diagnosis"));
    }

    @Test
    void contextForTheChatService() throws Exception {
        String user = importSample();
        given().get("/v1/users/{u}/context", user).then().statusCode(200).header("X-Cache", "miss")
                .body("user", equalTo(user))
                .body("entryCount", greaterThan(50))
                .body("pendingEntries", is(0))
                .body("recentMood", notNullValue())
                .body("trend", not(equalTo("unknown")))
                .body("dominantEmotions", not(hasSize(0)))
                .body("relevantEntries", not(hasSize(0)))
                .body("dailyMood", not(hasSize(0)));
        given().get("/v1/users/{u}/context", user).then().header("X-Cache", "hit");
    }

    @Test
    void entriesAreKeptWhileInferenceIsDownAndScoredWhenItReturns() throws Exception {
        String user = "down-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"text\": \"A happy start.\", \"writtenAt\": \"2026-11-01T08:00:00Z\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201);
        awaitScored(user, 1);

        StubInference.down();
        String id = given().contentType(ContentType.JSON).body("{\"text\": \"Written while inference is down, sad.\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201).body("pending", is(true))
                .extract().path("id");
        given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200)
                .body("basis.entryCount", is(2)).body("basis.pendingEntries", is(1)).body("basis.scoredEntries", is(1));
        given().get("/v1/users/{u}/entries/{id}", user, id).then().body("pending", is(true)).body("scores", equalTo(null));

        StubInference.up();
        awaitScored(user, 2);
        given().get("/v1/users/{u}/entries/{id}", user, id).then().body("pending", is(false))
                .body("scores.sentiment", equalTo("negative"));
        given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200)
                .body("basis.pendingEntries", is(0)).body("basis.scoredEntries", is(2));
    }

    @Test
    void entriesAreNeverScoredTwiceByTheSameRevision() throws Exception {
        String user = importSample();
        get(user, "comprehensive");
        int before = StubInference.textsClassified();
        given().get("/v1/users/{u}/entries/export", user).then().statusCode(200);
        get(user, "personality");
        get(user, "predictive");
        given().get("/v1/users/{u}/context", user).then().statusCode(200);
        assertEquals(before, StubInference.textsClassified());
        given().get("/v1/users/{u}/entries", user).then().body("items.pending", everyItem(is(false)));
    }

    @Test
    void identicalTextsAreClassifiedOnce() {
        String user = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        String text = "The very same words " + UUID.randomUUID();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            lines.append("{\"text\": \"").append(text).append("\"}\n");
        }
        given().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/users/{u}/entries/import", user).then().statusCode(201);
        given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200).body("basis.scoredEntries", is(5));
        assertEquals(1, StubInference.timesClassified(text));
    }

    /** Last: a new revision makes every user's entries pending, which would disturb the counting tests. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNewModelRevisionRescoresEveryEntryAndRecomputesTheAnalyses() throws Exception {
        String user = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            given().contentType(ContentType.JSON).body("{\"text\": \"Entry " + i + " was a good day.\", \"writtenAt\": \"2026-11-0"
                    + i + "T08:00:00Z\"}").post("/v1/users/{u}/entries", user).then().statusCode(201);
        }
        awaitScored(user, 3);
        String before = StubInference.revision();
        given().get("/v1/users/{u}/analysis/personality", user).then().body("basis.models[0].revision", equalTo(before));

        StubInference.newRevision();
        // The next answer of the inference service reveals the new revision; every entry becomes pending.
        given().contentType(ContentType.JSON).body("{\"text\": \"A fourth entry.\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(201);
        long deadline = System.currentTimeMillis() + 60_000;
        JsonPath analysis;
        do {
            Thread.sleep(300);
            analysis = given().get("/v1/users/{u}/analysis/personality", user).then().statusCode(200).extract().jsonPath();
        } while ((analysis.getInt("basis.pendingEntries") > 0
                || !analysis.getList("basis.models.revision").equals(List.of(StubInference.revision(), StubInference.revision())))
                && System.currentTimeMillis() < deadline);
        assertEquals(4, analysis.getInt("basis.scoredEntries"));
        assertEquals(0, analysis.getInt("basis.pendingEntries"));
        assertEquals(List.of(StubInference.revision(), StubInference.revision()), analysis.getList("basis.models.revision"));
        // Both revisions' results are kept and exported.
        String export = given().get("/v1/users/{u}/entries/export", user).then().statusCode(200).extract().asString();
        assertTrue(export.contains(before) && export.contains(StubInference.revision()));

        // Another reading (an operator changed the reading rule or its share) makes the stored results stale as well.
        int readBefore = StubInference.timesClassified("Entry 1 was a good day.");
        StubInference.newReading();
        given().contentType(ContentType.JSON).body("{\"text\": \"A fifth entry.\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(201);
        deadline = System.currentTimeMillis() + 60_000;
        do {
            Thread.sleep(300);
            analysis = given().get("/v1/users/{u}/analysis/personality", user).then().statusCode(200).extract().jsonPath();
        } while ((analysis.getInt("basis.pendingEntries") > 0 || StubInference.timesClassified("Entry 1 was a good day.") == readBefore)
                && System.currentTimeMillis() < deadline);
        assertTrue(StubInference.timesClassified("Entry 1 was a good day.") > readBefore, "read again under the new reading");
        assertEquals(5, analysis.getInt("basis.scoredEntries"));
        assertEquals(0, analysis.getInt("basis.pendingEntries"));
    }

    @Test
    void healthReportsTheCache() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("result-cache"));
    }

    static void awaitScored(String user, int scored) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath page = given().queryParam("size", 500).get("/v1/users/{u}/entries", user).then().extract().jsonPath();
            long done = page.getList("items.pending", Boolean.class).stream().filter(p -> !p).count();
            if (done >= scored) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("entries of " + user + " were not scored in time");
    }
}
