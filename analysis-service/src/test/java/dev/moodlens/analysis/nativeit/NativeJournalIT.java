package dev.moodlens.analysis.nativeit;

import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The built artifact's main path (mvn verify -Pnative: the native executable): alive, an entry written and read
 * back through Hibernate and PostgreSQL with a user token, no token refused. Not run by ./moodlens test (skipITs unless -Pnative).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeAnalysisSetup.class)
class NativeJournalIT {

    @Test
    void readsAJournalWithAUserTokenAndRefusesNone() {
        given().get("/q/health/live").then().statusCode(200);
        String user = "native-it-" + System.nanoTime();
        String token = "Bearer " + TestTokens.user(user);
        // a journal exists once it has an entry (404 before); written pending, scored when inference answers
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("text", "A calm day at the lake. I felt happy."))
                .post("/v1/users/" + user + "/entries").then().statusCode(201);
        given().header("Authorization", token)
                .get("/v1/users/" + user + "/entries").then().statusCode(200).body("total", equalTo(1));
        given().get("/v1/users/" + user + "/entries").then().statusCode(401);
    }
}
