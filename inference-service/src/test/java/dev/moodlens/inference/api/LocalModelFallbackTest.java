package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.MissingLocalModelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A configured directory that does not exist: the bundled model serves, and nothing but the log says where it looked. */
@QuarkusTest
@TestProfile(MissingLocalModelProfile.class)
class LocalModelFallbackTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @Test
    void finding16FallbackAndReadinessShowNoLocalPath() {
        String models = given().get("/v1/models").then().statusCode(200)
                .body("models[0].source", equalTo("bundled"))
                .body("models[0].reference", equalTo("local:missing-model"))
                .body("models[0].fallback", containsString("local:missing-model unavailable"))
                .extract().asString();
        ModelDetailsTest.assertNoLocalPath(models, MissingLocalModelProfile.ROOT);

        String ready = given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models' }.data.'sentiment.fallback'", containsString("local:missing-model"))
                .extract().asString();
        ModelDetailsTest.assertNoLocalPath(ready, MissingLocalModelProfile.ROOT);
    }
}
