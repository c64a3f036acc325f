package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.AdminToken;
import dev.moodlens.inference.testing.TinyModelsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What is deployed, and where it lives on disk, is for suite callers and the log only (review finding 16). */
@QuarkusTest
@TestProfile(TinyModelsProfile.class)
class ModelDetailsTest {

    /** An absolute path as it would appear in JSON or a message: after a quote, a space, a bracket or a colon. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("[\\s\"'(:]/(tmp|home|root|var|usr|etc|models)/");

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void finding16ModelsNeedATokenAndShowNoLocalPath() {
        given().get("/v1/models").then().statusCode(401).contentType("application/problem+json");

        String body = given().header("Authorization", "Bearer " + TestTokens.user("reader-" + UUID.randomUUID()))
                .get("/v1/models").then().statusCode(200)
                .body("models[0].id", equalTo("tiny-sentiment"))
                .body("models[0].reference", equalTo("local:tiny-sentiment"))
                .body("models[0].revision", notNullValue())
                .body("models[0].precision", notNullValue())
                .body("models[0].labels", not(empty()))
                .extract().asString();
        assertNoLocalPath(body, TinyModelsProfile.Resources.root);
        given().header("Authorization", "Bearer " + TestTokens.service()).get("/v1/models").then().statusCode(200);
    }

    @Test
    void finding16AdminErrorsShowNoPathAndNotWhetherItExists() throws IOException {
        Path root = TinyModelsProfile.Resources.root;
        Path notAModel = Files.createDirectories(root.resolve("not-a-model"));
        String missing = failedSwap(root.resolve("no-such-directory").toString());
        String existing = failedSwap(notAModel.toString());
        assertEquals(missing, existing, "a missing directory and one without a model must get the same answer");
        assertNoLocalPath(missing, root);
        assertFalse(missing.contains("no-such-directory") || missing.contains("exist"), missing);
    }

    private static String failedSwap(String model) {
        return AdminToken.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("model", model)).post("/v1/admin/models/sentiment")
                .then().statusCode(422).contentType("application/problem+json").extract().path("detail");
    }

    static void assertNoLocalPath(String text, Path root) {
        assertFalse(text.contains(root.toString()), "names " + root + ": " + text);
        assertFalse(ABSOLUTE_PATH.matcher(text).find(), "names a local path: " + text);
    }
}
