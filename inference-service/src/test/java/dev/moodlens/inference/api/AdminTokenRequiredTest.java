package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.NoAdminTokenProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Without an admin token the model swap is off, whatever token the caller brings. */
@QuarkusTest
@TestProfile(NoAdminTokenProfile.class)
class AdminTokenRequiredTest {

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    /**
     * Review finding 6: where no admin token was set, any service token swapped the models, so the analysis
     * service's key (which parses untrusted imports) could replace the models everyone is scored with.
     */
    @Test
    void finding6WithoutAnAdminTokenNoTokenSwapsModels() {
        for (String token : new String[]{TestTokens.service(), TestTokens.user("someone"), "test-only-admin-token"}) {
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body(Map.of("model", "hf://acme/tiny-sentiment@main")).post("/v1/admin/models/sentiment")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("admin token"));
        }
        given().header("Authorization", "Bearer " + TestTokens.service()).get("/v1/models")
                .then().statusCode(200).body("models[0].id", equalTo("tiny-sentiment"));
    }
}
