package dev.moodlens.inference.nativeit;

import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The built artifact's main path (mvn verify -Pnative: the native executable, which reads the bundled models from
 * target/bundled-models beside it): ready with both bundled models, /v1/classify answers obvious texts right, and
 * reads an entry by sentence (ICU4J's break-iterator data must be in the image).
 * Not run by ./moodlens test (skipITs unless -Pnative).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeTestKeys.class)
class NativeClassifyIT {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @Test
    void readyWithTheBundledModelsAndClassifies() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/v1/models").then().statusCode(200)
                .body("models[0].source", equalTo("bundled"))
                .body("models[1].source", equalTo("bundled"));
        given().contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("I finally got the job, so happy!", "My dog died this morning")))
                .post("/v1/classify").then().statusCode(200)
                .body("results[0].sentiment.label", equalTo("positive"))
                .body("results[0].emotion.label", equalTo("joy"))
                .body("results[1].sentiment.label", equalTo("negative"))
                .body("results[1].emotion.label", equalTo("sadness"));
    }

    @Test
    void readsAnEntryBySentence() {
        String entry = "I finally got the job, so happy! My dog died this morning.\nOk fine.";
        given().contentType(ContentType.JSON).body(Map.of("text", entry, "granularity", "sentence"))
                .post("/v1/classify").then().statusCode(200)
                .body("results[0].sentences", hasSize(3))
                .body("results[0].sentences[0].start", equalTo(0))
                .body("results[0].sentences[0].end", equalTo(entry.indexOf(" My dog")))
                .body("results[0].sentences[0].sentiment.label", equalTo("positive"))
                .body("results[0].sentences[1].start", equalTo(entry.indexOf("My dog")))
                .body("results[0].sentences[1].sentiment.label", equalTo("negative"))
                .body("results[0].sentences[1].emotion.label", equalTo("sadness"));
    }
}
