package dev.moodlens.chat.nativeit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built artifact's main paths (mvn verify -Pnative: the native executable): alive, the chat page served, an
 * account registered and logged in against PostgreSQL (an unknown user is 401), the chat API closed without a token,
 * and a chat turn streamed over SSE with the offline responder (inference and analysis are NativeChatSetup's
 * stand-ins). Not run by ./moodlens test (skipITs unless -Pnative).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeChatSetup.class)
class NativePagesIT {

    @Test
    void servesThePageAndChecksLogins() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
        given().contentType(ContentType.JSON).body(Map.of("user", "nobody-" + System.nanoTime(), "password", "wrong-password"))
                .post("/v1/auth/login").then().statusCode(401);
        given().get("/v1/conversations").then().statusCode(401);
    }

    @Test
    void registersSignsInAndStreamsAChatTurn() {
        String user = "native-" + System.nanoTime();
        Map<String, String> credentials = Map.of("user", user, "password", "a-native-test-password");
        given().contentType(ContentType.JSON).body(credentials).post("/v1/auth/register").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(credentials).post("/v1/auth/login")
                .then().statusCode(200).extract().path("token");

        // The stream ends after its "done" event, so the whole body can be read at once.
        String events = given().auth().oauth2(token).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("message", "I feel so sad and tired today"))
                .post("/v1/chat/stream").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();
        assertTrue(events.contains("\"type\":\"start\""), events);
        assertTrue(events.contains("\"type\":\"token\""), events);
        assertTrue(events.contains("\"type\":\"done\""), events);

        String conversation = given().auth().oauth2(token).get("/v1/conversations").then().statusCode(200)
                .body("size()", equalTo(1)).extract().path("[0].id");
        // the stored message with its emotion (a JSON column) read back
        given().auth().oauth2(token).get("/v1/conversations/" + conversation).then().statusCode(200)
                .body("messages[0].role", equalTo("user"))
                .body("messages[0].emotion.emotion.label", equalTo("sadness"));
    }
}
