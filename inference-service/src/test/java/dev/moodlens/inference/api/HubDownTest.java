package dev.moodlens.inference.api;

import dev.moodlens.inference.hub.FakeHub;
import dev.moodlens.inference.testing.HubDownProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hub answers 503 forever: the service gives up within the bound and serves the bundled models. */
@QuarkusTest
@TestProfile(HubDownProfile.class)
class HubDownTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    FakeHub hub;

    @Test
    void startsOnTheBundledModelsAndSaysSo() {
        int seen = hub.seen().size();
        assertTrue(seen >= 1 && seen <= 2 * (HubDownProfile.MAX_RETRIES + 1), "requests to the Hub: " + seen);
        given().get("/v1/models").then().statusCode(200)
                .body("models[0].id", equalTo("moodlens-sentiment"))
                .body("models[0].reference", equalTo("hf://acme/sentiment@main"))
                .body("models[0].fallback", containsString("503"))
                .body("models[1].fallback", containsString("acme/emotion"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models' }.data.'sentiment.fallback'", containsString("acme/sentiment"));
        given().contentType(ContentType.JSON).body(Map.of("text", "what a lovely day")).post("/v1/sentiment")
                .then().statusCode(200).body("model.id", equalTo("moodlens-sentiment"));
        // nothing more reaches the Hub while serving
        assertTrue(hub.seen().size() == seen);
    }
}
