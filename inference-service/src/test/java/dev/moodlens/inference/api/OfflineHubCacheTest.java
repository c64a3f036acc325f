package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.AdminToken;
import dev.moodlens.inference.testing.OfflineHubCacheProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The service offline on a Hub cache another client filled (findings 20 and 5, over HTTP). */
@QuarkusTest
@TestProfile(OfflineHubCacheProfile.class)
class OfflineHubCacheTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @Test
    void finding20OfflineOptionalFilesAreOptionalAndTheMissingRequiredFileIsNamed() {
        String cache = OfflineHubCacheProfile.Resources.cache.toString();
        given().get("/v1/models").then().statusCode(200)
                .body("models[0].id", equalTo("acme/js-sentiment"))
                .body("models[0].source", equalTo("hub-cache"))
                .body("models[0].fallback", nullValue())
                .body("models[1].id", equalTo("moodlens-emotion"))
                .body("models[1].fallback", allOf(containsString("acme/js-emotion"), containsString("HF_HUB_OFFLINE"),
                        containsString("required file tokenizer.json"), not(containsString(cache))));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models' }.data.'emotion.fallback'",
                        allOf(containsString("tokenizer.json"), not(containsString(cache))))
                .body("checks.find { it.name == 'models' }.data.'sentiment.fallback'", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("text", "good day")).post("/v1/sentiment")
                .then().statusCode(200).body("model.id", equalTo("acme/js-sentiment"));
        assertEquals(0, OfflineHubCacheProfile.Resources.hub.seen().size(), "offline asks nothing");
    }

    @Test
    void finding5RevisionThatIsAPathIsRefusedByTheAdminEndpoint() throws Exception {
        Path target = Files.createTempDirectory("moodlens-finding5-").resolve("x");
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/js-sentiment@" + target))
                .post("/v1/admin/models/sentiment")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not a revision"));
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/js-sentiment@.."))
                .post("/v1/admin/models/sentiment")
                .then().statusCode(400).contentType("application/problem+json");
        assertFalse(Files.exists(target), "nothing written at the path");
        given().get("/v1/models").then().body("models[0].id", equalTo("acme/js-sentiment"));
    }
}
