package dev.moodlens.chat.api;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.common.safety.CrisisLanguage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default backend: the built-in responder answers without any model endpoint. */
@QuarkusTest
@TestProfile(OfflineBackendTest.Offline.class)
class OfflineBackendTest {

    public static class Offline implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandInServers.class, Map.of("backend", "offline")));
        }
    }

    @BeforeEach
    void reset() {
        StandInServers.reset();
        TestTokens.signInAsNamedUser();
    }

    @Test
    void answersFromTheEmotionAndTheJournalWithoutAModel() {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("user", "offline-alice", "message", "I feel sad and tired after work. Nothing went right."))
                .post("/v1/chat");
        response.then().statusCode(200)
                .body("backend", equalTo("offline"))
                .body("emotion.emotion.label", equalTo("sadness"))
                // It quotes the person and grounds itself in the journal the analysis stand-in serves.
                .body("reply", containsString("I feel sad and tired after work"))
                .body("reply", containsString("-0.25"))
                .body("reply", containsString("sadness"));
        assertEquals(0, StandInServers.modelRequests.size(), "no model endpoint is called");
        String reply = response.path("reply");
        assertTrue(reply.endsWith("?"), reply);
    }

    @Test
    void talksAboutAnEmptyJournal() {
        given().contentType(ContentType.JSON).body(Map.of("user", "newcomer", "message", "Hello, first time here"))
                .post("/v1/chat").then().statusCode(200)
                .body("backend", equalTo("offline"))
                .body("reply", containsString("journal"));
    }

    @Test
    void putsHelpResourcesFirstForCrisisLanguage() {
        given().contentType(ContentType.JSON).body(Map.of("user", "offline-bob", "message", "I don't want to live anymore"))
                .post("/v1/chat").then().statusCode(200)
                .body("reply", startsWith(CrisisLanguage.HELP_TEXT));
    }
}
