package dev.moodlens.analysis.nativeit;

import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The built artifact's main path (mvn verify -Pnative: the native executable): alive, a journal read through
 * Hibernate from PostgreSQL with a user token, no token refused. Not run by ./moodlens test (skipITs unless -Pnative).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeTestSetup.class)
class NativeJournalIT {

    @Test
    void readsAJournalWithAUserTokenAndRefusesNone() {
        given().get("/q/health/live").then().statusCode(200);
        String user = "native-it-" + System.nanoTime();
        given().header("Authorization", "Bearer " + TestTokens.user(user))
                .get("/v1/users/" + user + "/entries").then().statusCode(200).body("total", equalTo(0));
        given().get("/v1/users/" + user + "/entries").then().statusCode(401);
    }
}
