package dev.moodlens.chat.nativeit;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat executable with the OpenAI-compatible backend (mvn verify -Pnative): a turn streamed from the stand-in model
 * endpoint (REST client, its SSE stream and the completion chunks' JSON) through to the client's SSE stream.
 */
@QuarkusIntegrationTest
@WithTestResource(value = NativeChatSetup.class, initArgs = @ResourceArg(name = "backend", value = "openai"))
class NativeOpenAiChatIT {

    @Test
    void streamsTheModelsTokens() {
        String user = "native-llm-" + System.nanoTime();
        Map<String, String> credentials = Map.of("user", user, "password", "a-native-test-password");
        String token = given().contentType(ContentType.JSON).body(credentials).post("/v1/auth/register")
                .then().statusCode(201).extract().path("token");

        String events = given().auth().oauth2(token).contentType(ContentType.JSON).accept("text/event-stream")
                .body(Map.of("message", "I feel worried about tomorrow"))
                .post("/v1/chat/stream").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();
        // the stand-in model's tokens (StandInServers.MODEL_TOKENS), in order, then the end of the turn
        assertTrue(events.matches("(?s).*\"text\":\"I \".*\"text\":\"hear \".*\"text\":\"more.\".*\"type\":\"done\".*"), events);
    }
}
