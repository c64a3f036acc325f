package dev.moodlens.inference.nativeit;

import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native executable downloads its sentiment model from a Hub that first answers 429 (mvn verify -Pnative):
 * retried after Retry-After, the files fetched and checked, the model served. Not run by ./moodlens test.
 */
@QuarkusIntegrationTest
@WithTestResource(NativeHubSetup.class)
class NativeHubIT {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @Test
    void downloadsAModelThroughA429() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/v1/models").then().statusCode(200)
                .body("models.find { it.task == 'sentiment' }.source", equalTo("hub"))
                .body("models.find { it.task == 'sentiment' }.id", equalTo(NativeHubSetup.REPO))
                .body("models.find { it.task == 'emotion' }.source", equalTo("bundled"));
        given().contentType(ContentType.JSON).body(Map.of("text", "a day like any other"))
                .post("/v1/sentiment").then().statusCode(200).body("results[0].label", notNullValue());

        // The fake Hub (in this JVM) answered its first request with 429; the download went on after it.
        assertTrue(NativeHubSetup.hub.seen().size() > 1, "no request after the 429: " + NativeHubSetup.hub.seen());
        given().get("/q/metrics").then().statusCode(200).body(containsString("moodlens_hub_retries_total"));
    }
}
