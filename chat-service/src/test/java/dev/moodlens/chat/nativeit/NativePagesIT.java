package dev.moodlens.chat.nativeit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * The built artifact's main path (mvn verify -Pnative: the native executable): alive, the chat page served, a login
 * checked against the accounts in PostgreSQL (an unknown user is 401), the chat API closed without a token.
 * Not run by ./moodlens test (skipITs unless -Pnative).
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
}
