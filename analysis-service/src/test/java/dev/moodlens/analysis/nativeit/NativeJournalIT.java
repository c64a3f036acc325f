package dev.moodlens.analysis.nativeit;

import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The built artifact's main paths (mvn verify -Pnative: the native executable): alive, an entry written and read
 * back through Hibernate and PostgreSQL with a user token, no token refused; a journal imported, scored through the
 * stand-in inference service (NativeAnalysisSetup), its three analyses and the chat context computed. Not run by
 * ./moodlens test (skipITs unless -Pnative).
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

    @Test
    void importsScoresAndAnalysesAJournal() throws InterruptedException {
        String user = "native-it-" + System.nanoTime();
        String token = "Bearer " + TestTokens.user(user);
        StringBuilder lines = new StringBuilder();
        for (int day = 1; day <= 28; day++) {
            String text = day % 3 == 0 ? "A sad and tired day. Work was awful." : "A good walk by the river. I felt happy and grateful.";
            lines.append("{\"text\": \"").append(text).append("\", \"writtenAt\": \"2026-10-")
                    .append(String.format("%02d", day)).append("T20:00:00Z\"}\n");
        }
        given().header("Authorization", token).contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/users/" + user + "/entries/import").then().statusCode(201).body("imported", equalTo(28));

        // scored in the background, by sentence
        long deadline = System.currentTimeMillis() + 60_000;
        int pending;
        do {
            Thread.sleep(500);
            pending = given().header("Authorization", token).get("/v1/users/" + user + "/analysis/comprehensive")
                    .then().statusCode(200).extract().path("basis.pendingEntries");
        } while (pending > 0 && System.currentTimeMillis() < deadline);
        assertEquals(0, pending, "entries still pending after 60 s");

        given().header("Authorization", token).get("/v1/users/" + user + "/analysis/comprehensive").then().statusCode(200)
                .body("basis.scoredEntries", equalTo(28));
        given().header("Authorization", token).get("/v1/users/" + user + "/analysis/personality").then().statusCode(200)
                .body("basis.entryCount", equalTo(28));
        given().header("Authorization", token).get("/v1/users/" + user + "/analysis/predictive").then().statusCode(200)
                .body("forecast.method", notNullValue());
        given().header("Authorization", token).get("/v1/users/" + user + "/context").then().statusCode(200);
        // each entry's sentences, stored as JSON, read back (two per entry); and the export, line by line
        given().header("Authorization", token).queryParam("limit", 1).get("/v1/users/" + user + "/entries").then()
                .statusCode(200).body("items[0].scores.sentences.size()", equalTo(2));
        String export = given().header("Authorization", token).get("/v1/users/" + user + "/entries/export")
                .then().statusCode(200).extract().asString();
        assertEquals(28, export.lines().count(), export);
    }
}
