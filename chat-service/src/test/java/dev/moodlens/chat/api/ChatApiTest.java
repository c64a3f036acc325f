package dev.moodlens.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.chat.context.TurnContextSource;
import dev.moodlens.common.safety.CrisisLanguage;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat API against the real PostgreSQL (moodlens_test, schema chat) and Redis, with stand-ins for
 * the inference service, the analysis service and an OpenAI-compatible model endpoint.
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class ChatApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/chat/stream")
    URL streamUrl;

    /** %test.moodlens.cache.key-secret in application.properties. */
    private static final String TEST_CACHE_KEY_SECRET = "test-only-cache-key-secret";

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        StandInServers.reset();
        TestTokens.signInAsNamedUser();
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response chat(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat");
    }

    @Test
    void answersWithTheModelGroundedInEmotionAndJournal() throws Exception {
        String user = user();
        Response response = chat(Map.of("user", user, "message", "I feel so sad and tired today"));
        response.then().statusCode(200)
                .body("reply", equalTo(String.join("", StandInServers.MODEL_TOKENS)))
                .body("backend", equalTo("openai"))
                .body("emotion.emotion.label", equalTo("sadness"))
                .body("emotion.sentiment.label", equalTo("negative"));
        String id = response.path("conversationId");
        UUID.fromString(id);

        // The model got the contract's parameters, the key, and a prompt built from emotion and journal.
        assertEquals(1, StandInServers.modelRequests.size());
        JsonNode sent = StandInServers.modelRequests.get(0);
        assertEquals("stand-in", sent.path("model").asText());
        assertTrue(sent.path("stream").asBoolean());
        assertEquals(512, sent.path("max_tokens").asInt());
        assertEquals(0.7, sent.path("temperature").asDouble(), 1e-9);
        assertEquals("<END>", sent.path("stop").path(0).asText());
        assertEquals("Bearer test-key", StandInServers.modelAuthorizations.get(0));
        String system = sent.path("messages").path(0).path("content").asText();
        assertTrue(system.contains("emotion sadness"), system);
        assertTrue(system.contains("trend: declining"), system);
        assertTrue(system.contains("Couldn't sleep again"), system);
        assertEquals("I feel so sad and tired today", sent.path("messages").path(1).path("content").asText());

        // The journal context is cached in Redis as JSON and reused by the next turn.
        // Keyed by HMAC with the test secret (finding 17): the user id is not in the key name.
        assertNull(redis.value(String.class).get("moodlens:v1:chat-context:" + user));
        String cached = redis.value(String.class).get(
                new dev.moodlens.common.cache.CacheKeys(TEST_CACHE_KEY_SECRET).of("chat-context", user));
        assertNotNull(cached);
        assertEquals("declining", JSON.readTree(cached).path("trend").asText());
        chat(Map.of("user", user, "conversationId", id, "message", "Still tired")).then().statusCode(200);
        assertEquals(1, StandInServers.contextCalls.get());
        // The second turn's prompt carries the first turn.
        JsonNode second = StandInServers.modelRequests.get(1).path("messages");
        assertEquals(4, second.size());
        assertEquals("assistant", second.path(2).path("role").asText());
    }

    @Test
    void streamsTheReplyTokenByToken() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        StandInServers.modelHold = hold;
        String user = user();
        String body = JSON.writeValueAsString(Map.of("user", user, "message", "I am worried about tomorrow"));
        HttpRequest request = HttpRequest.newBuilder(streamUrl.toURI())
                .header("Authorization", "Bearer " + TestTokens.user(user))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        List<JsonNode> events = new ArrayList<>();

        // The model stand-in is holding back everything after its second token: the two we can read
        // prove that tokens reach the client while the reply is still being written.
        while (events.stream().filter(e -> e.path("type").asText().equals("token")).count() < 2) {
            events.add(nextEvent(lines));
        }
        assertEquals("start", events.get(0).path("type").asText());
        assertEquals("analysis", events.get(1).path("type").asText());
        assertEquals("fear", events.get(1).path("emotion").path("emotion").path("label").asText());
        assertEquals("I ", events.get(2).path("text").asText());
        assertEquals("hear ", events.get(3).path("text").asText());
        hold.countDown();

        JsonNode event;
        StringBuilder text = new StringBuilder("I hear ");
        while (!(event = nextEvent(lines)).path("type").asText().equals("done")) {
            assertEquals("token", event.path("type").asText());
            text.append(event.path("text").asText());
        }
        assertEquals(String.join("", StandInServers.MODEL_TOKENS), text.toString());
        assertEquals("openai", event.path("backend").asText());
        assertEquals("fear", event.path("emotion").path("emotion").path("label").asText());
        assertEquals("declining", event.path("context").path("trend").asText());
        assertEquals(events.get(0).path("conversationId").asText(), event.path("conversationId").asText());
    }

    @Test
    void keepsTheReplyWhenTheReaderLeavesMidStream() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        StandInServers.modelHold = hold;
        String user = user();
        String body = JSON.writeValueAsString(Map.of("user", user, "message", "Quick question before I go"));
        HttpRequest request = HttpRequest.newBuilder(streamUrl.toURI()).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.user(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();
        String id = nextEvent(lines).path("conversationId").asText();
        while (!nextEvent(lines).path("type").asText().equals("token")) {
            // skip to the first token
        }
        response.body().close();
        hold.countDown();

        // The user message is stored at once; the reply is stored whole, or up to where the server noticed
        // that the reader left (marked "interrupted"): either way the history shows what was written.
        List<String> roles = List.of();
        for (int i = 0; i < 100 && roles.size() < 2; i++) {
            roles = given().queryParam("user", user).get("/v1/conversations/" + id).then().statusCode(200)
                    .extract().jsonPath().getList("messages.role");
            Thread.sleep(100);
        }
        JsonNode reply = JSON.readTree(given().queryParam("user", user).get("/v1/conversations/" + id).then()
                .body("messages", hasSize(2)).extract().asString()).path("messages").path(1);
        String content = reply.path("content").asText();
        assertTrue(reply.path("backend").asText().startsWith("openai"), reply.toString());
        assertTrue(content.startsWith("I"), content);
        if (reply.path("backend").asText().endsWith("(interrupted)")) {
            assertTrue(content.endsWith("\u2026"), content);
        } else {
            assertTrue(content.startsWith("I hear"), content);
        }
    }

    private static JsonNode nextEvent(Iterator<String> lines) throws Exception {
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.isEmpty() && !data.isEmpty()) {
                return JSON.readTree(data.toString());
            }
        }
        throw new AssertionError("stream ended before the next event");
    }

    @Test
    void keepsTheHistoryForAReload() {
        String user = user();
        String id = chat(Map.of("user", user, "message", "I love my new flat")).then().statusCode(200)
                .extract().path("conversationId");
        chat(Map.of("user", user, "conversationId", id, "message", "But the neighbours are angry people"))
                .then().statusCode(200);

        given().queryParam("user", user).get("/v1/conversations").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].title", equalTo("I love my new flat"))
                .body("[0].messages", equalTo(4));
        given().queryParam("user", user).get("/v1/conversations/" + id).then().statusCode(200)
                .body("messages", hasSize(4))
                .body("messages[0].role", equalTo("user"))
                .body("messages[0].content", equalTo("I love my new flat"))
                .body("messages[0].emotion.emotion.label", equalTo("love"))
                .body("messages[1].role", equalTo("assistant"))
                .body("messages[1].backend", equalTo("openai"))
                .body("messages[2].emotion.emotion.label", equalTo("anger"))
                .body("messages[3].content", equalTo(String.join("", StandInServers.MODEL_TOKENS)));

        // A conversation belongs to its user: for anyone else it does not exist.
        given().queryParam("user", "someone-else").get("/v1/conversations/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        chat(Map.of("user", "someone-else", "conversationId", id, "message", "hello")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void retriesA429AndThenAnswersWithTheModel() {
        StandInServers.modelFailures.add(429);
        chat(Map.of("user", user(), "message", "A good day")).then().statusCode(200)
                .body("backend", equalTo("openai"))
                .body("reply", equalTo(String.join("", StandInServers.MODEL_TOKENS)));
        assertEquals(2, StandInServers.modelRequests.size());
    }

    @Test
    void fallsBackToTheOfflineResponderWhenTheModelKeepsFailing() {
        StandInServers.modelFailures.addAll(List.of(429, 500, 500));
        String user = user();
        Response response = chat(Map.of("user", user, "message", "I feel sad and lonely tonight"));
        response.then().statusCode(200)
                .body("backend", equalTo("offline-fallback"))
                .body("reply", startsWith("(Offline responder:"))
                .body("emotion.emotion.label", equalTo("sadness"));
        assertEquals(3, StandInServers.modelRequests.size());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("moodlens_chat_replies_total{backend=\"offline-fallback\""));
        String reply = response.path("reply");
        // The offline reply is grounded in the journal the stand-in serves.
        assertTrue(reply.contains("Couldn't sleep again") || reply.contains("trending down")
                || reply.contains("dipping") || reply.contains("sadness"), reply);
        given().queryParam("user", user).get("/v1/conversations/" + response.path("conversationId"))
                .then().body("messages[1].backend", equalTo("offline-fallback"));
    }

    @Test
    void endsAReplyWithANoteWhenTheModelFailsMidway() {
        StandInServers.modelErrorMidway = true;
        chat(Map.of("user", user(), "message", "Tell me something")).then().statusCode(200)
                .body("backend", equalTo("openai"))
                .body("reply", startsWith("I hear"))
                .body("reply", containsString("stopped answering here"));
        assertEquals(1, StandInServers.modelRequests.size(), "nothing is retried once the reply has started");
    }

    @Test
    void answersWithoutTheInferenceService() {
        StandInServers.inferenceDown = true;
        String user = user();
        Response response = chat(Map.of("user", user, "message", "Today was strange"));
        response.then().statusCode(200)
                .body("backend", equalTo("openai"))
                .body("emotion", nullValue())
                .body("reply", startsWith(TurnContextSource.NO_EMOTION));
        assertTrue(StandInServers.classifyCalls.get() >= 2, "the inference call is retried");
        String system = StandInServers.modelRequests.get(0).path("messages").path(0).path("content").asText();
        assertTrue(system.contains("unknown (the analysis was unavailable)"), system);
        given().queryParam("user", user).get("/v1/conversations/" + response.path("conversationId"))
                .then().statusCode(200).body("messages[0].emotion", nullValue());
    }

    @Test
    void answersWithoutTheAnalysisService() {
        StandInServers.analysisDown = true;
        chat(Map.of("user", user(), "message", "I'm happy today")).then().statusCode(200)
                .body("emotion.emotion.label", equalTo("joy"))
                .body("reply", startsWith(TurnContextSource.NO_JOURNAL));
    }

    @Test
    void alwaysIncludesHelpResourcesForCrisisLanguage() {
        chat(Map.of("user", user(), "message", "Some nights I want to kill myself")).then().statusCode(200)
                .body("reply", startsWith(CrisisLanguage.HELP_TEXT))
                .body("reply", containsString(String.join("", StandInServers.MODEL_TOKENS)));
        String system = StandInServers.modelRequests.get(0).path("messages").path(0).path("content").asText();
        assertTrue(system.contains("SAFETY"), system);
    }

    @Test
    void refusesBadInputWithProblemJson() {
        String user = user();
        chat(Map.of("user", user, "message", "   ")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("message is empty"));
        chat(Map.of("user", user, "message", "x".repeat(100 * 1024))).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("limit is 4000"));
        chat(Map.of("user", user, "conversationId", UUID.randomUUID().toString(), "message", "hi"))
                .then().statusCode(404).contentType("application/problem+json");
        chat(Map.of("user", user, "conversationId", "not-a-uuid", "message", "hi"))
                .then().statusCode(400).contentType("application/problem+json");
        chat(Map.of("user", user, "message", "before\u0000after")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("NUL"));
        // No token (no user named): 401, whatever the body.
        chat(Map.of("message", "hi")).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body("{\"user\":").header("Authorization", "Bearer " + TestTokens.user(user))
                .post("/v1/chat").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("user", user, "message", ""))
                .post("/v1/chat/stream").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("user", user, "message", "y".repeat(100 * 1024)))
                .post("/v1/chat/stream").then().statusCode(413).contentType("application/problem+json");
        // Nothing was stored or sent anywhere for refused messages.
        given().queryParam("user", user).get("/v1/conversations").then().body("$", hasSize(0));
        assertEquals(0, StandInServers.modelRequests.size());
    }

    @Test
    void addsJournalEntriesThroughTheAnalysisService() {
        String user = user();
        given().queryParam("user", user).get("/v1/journal/context").then().statusCode(200)
                .body("trend", equalTo("declining")).body("dailyMood", hasSize(14));
        given().queryParam("user", user).get("/v1/journal/context").then().statusCode(200);
        assertEquals(1, StandInServers.contextCalls.get(), "the second read comes from Redis");

        given().queryParam("user", user).contentType(ContentType.JSON)
                .body(Map.of("text", "Walked by the river, felt calmer", "title", "Evening"))
                .post("/v1/journal/entries").then().statusCode(201).body("id", notNullValue());
        assertEquals("Walked by the river, felt calmer", StandInServers.addedEntries.get(0).path("text").asText());
        given().queryParam("user", user).get("/v1/journal/context").then().statusCode(200);
        assertEquals(2, StandInServers.contextCalls.get(), "adding an entry forgets the cached context");

        given().queryParam("user", user).contentType(ContentType.JSON).body(Map.of("text", "please reject this"))
                .post("/v1/journal/entries").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("writtenAt is in the future"));
        given().queryParam("user", user).contentType(ContentType.JSON).body(Map.of("text", ""))
                .post("/v1/journal/entries").then().statusCode(400).contentType("application/problem+json");
        StandInServers.analysisDown = true;
        given().queryParam("user", user()).get("/v1/journal/context").then().statusCode(503)
                .contentType("application/problem+json");
        assertFalse(StandInServers.addedEntries.size() > 1);
    }
}
