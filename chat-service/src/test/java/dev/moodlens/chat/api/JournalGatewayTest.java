package dev.moodlens.chat.api;

import dev.moodlens.chat.StandInJournal;
import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal and insights pages' endpoints (/v1/journal/entries..., /v1/journal/analysis/{kind}): always the
 * token's user, filters passed on, the analysis service's problems (with the import's line) passed on, and
 * nothing of another user reachable.
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class JournalGatewayTest {

    @BeforeEach
    void reset() {
        StandInServers.reset();
    }

    private static String user() {
        return "gw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String user) {
        return given().header("Authorization", "Bearer " + TestTokens.user(user));
    }

    private static String write(String user, String text) {
        return as(user).contentType(ContentType.JSON).body(Map.of("text", text, "tags", java.util.List.of("work")))
                .post("/v1/journal/entries").then().statusCode(201).extract().path("id");
    }

    @Test
    void listsReadsEditsAndDeletesTheCallersEntries() {
        String user = user();
        as(user).get("/v1/journal/entries").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no journal"));
        String id = write(user, "A good day at work.");
        write(user, "A tired evening.");

        as(user).queryParam("q", "good day").queryParam("tag", "work").queryParam("to", "2030-01-01")
                .queryParam("pending", "false").queryParam("page", 0).queryParam("size", 10).queryParam("order", "desc")
                .get("/v1/journal/entries").then().statusCode(200).body("total", is(1)).body("items[0].id", equalTo(id));
        String sent = StandInJournal.listings.get(StandInJournal.listings.size() - 1);
        for (String part : new String[]{"q=good+day", "tag=work", "to=2030-01-01", "pending=false", "page=0", "size=10", "order=desc"}) {
            assertTrue(sent.contains(part) || sent.contains(part.replace("+", "%20")), sent + " lacks " + part);
        }
        as(user).get("/v1/journal/entries/{id}", id).then().statusCode(200).body("text", equalTo("A good day at work."));

        as(user).contentType(ContentType.JSON).body(Map.of("text", "An edited day.", "writtenAt", "2026-11-01T08:30:00+02:00"))
                .put("/v1/journal/entries/{id}", id).then().statusCode(200)
                .body("text", equalTo("An edited day.")).body("writtenAt", equalTo("2026-11-01T08:30+02:00"));
        as(user).contentType(ContentType.JSON).body(Map.of("text", ""))
                .put("/v1/journal/entries/{id}", id).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("text"));
        as(user).contentType(ContentType.JSON).body("[1]").put("/v1/journal/entries/{id}", id).then().statusCode(400);

        as(user).delete("/v1/journal/entries/{id}", id).then().statusCode(204);
        as(user).get("/v1/journal/entries/{id}", id).then().statusCode(404);
        assertEquals(1, StandInJournal.size(user));
    }

    @Test
    void anotherUsersEntriesAreNeverReached() {
        String alice = user();
        String bob = user();
        String id = write(alice, "Alice's private day.");
        // Bob's token asks the analysis service for Bob's journal only: Alice's entry id is unknown there.
        as(bob).get("/v1/journal/entries/{id}", id).then().statusCode(404);
        as(bob).delete("/v1/journal/entries/{id}", id).then().statusCode(404);
        as(bob).contentType(ContentType.JSON).body(Map.of("text", "overwrite")).put("/v1/journal/entries/{id}", id)
                .then().statusCode(404);
        as(bob).get("/v1/journal/entries").then().statusCode(404);
        as(bob).get("/v1/journal/analysis/comprehensive").then().statusCode(404);
        as(bob).get("/v1/journal/entries/export").then().statusCode(404);
        // A path in place of an id never reaches another path of the analysis service.
        as(bob).get("/v1/journal/entries/{id}", "..%2F..%2F" + alice + "%2Fentries").then().statusCode(404);
        as(bob).queryParam("user", alice).get("/v1/journal/context").then().statusCode(404);
        assertEquals(1, StandInJournal.size(alice));
        // No token, or a service token: no journal at all.
        given().get("/v1/journal/entries").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.service()).get("/v1/journal/analysis/personality")
                .then().statusCode(403);
    }

    @Test
    void importsAllOrNothingAndNamesTheBadLine() {
        String user = user();
        String bad = """
                {"text": "first", "writtenAt": "2026-11-01T08:00:00Z"}
                {"text": "second"}
                {"text": "third", "writtenAt": "soon"}
                """;
        as(user).contentType("application/x-ndjson").body(bad.getBytes(StandardCharsets.UTF_8))
                .post("/v1/journal/entries/import").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line 3")).body("detail", containsString("nothing was imported"))
                .body("errors.line", is(3)).body("errors.field", equalTo("writtenAt"));
        assertEquals(0, StandInJournal.size(user));

        as(user).contentType("text/csv").body("text,writtenAt,title,tags\nOne,2026-11-01T08:00:00Z,A,x;y\nTwo,,,\n".getBytes(StandardCharsets.UTF_8))
                .post("/v1/journal/entries/import").then().statusCode(201).body("imported", is(2)).body("format", equalTo("csv"));
        as(user).contentType("application/x-ndjson").body(bad.lines().limit(2).reduce("", (a, b) -> a + b + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/v1/journal/entries/import").then().statusCode(201).body("imported", is(2));
        assertEquals(4, StandInJournal.size(user));
        as(user).contentType("application/x-ndjson").body(new byte[0]).post("/v1/journal/entries/import").then().statusCode(400);
        as(user).contentType(ContentType.JSON).body("{}").post("/v1/journal/entries/import").then().statusCode(415);

        String export = as(user).get("/v1/journal/entries/export").then().statusCode(200)
                .contentType("application/x-ndjson").header("Content-Disposition", containsString(user + "-journal.jsonl"))
                .extract().asString();
        assertEquals(4, export.lines().count());
    }

    @Test
    void servesTheThreeAnalysesAndTheServicesProblems() {
        String user = user();
        as(user).get("/v1/journal/analysis/comprehensive").then().statusCode(404).body("detail", containsString("no journal"));
        for (int day = 1; day <= 6; day++) {
            as(user).contentType(ContentType.JSON).body(Map.of("text", "A good day " + day, "writtenAt", "2026-11-0" + day + "T08:00:00Z"))
                    .post("/v1/journal/entries").then().statusCode(201);
        }
        as(user).get("/v1/journal/analysis/comprehensive").then().statusCode(200)
                .body("basis.entryCount", is(6)).body("sentimentTrend.daily", hasSize(6));
        as(user).get("/v1/journal/analysis/personality").then().statusCode(200).body("traits", hasSize(5));
        as(user).get("/v1/journal/analysis/predictive").then().statusCode(200).body("forecast.days", hasSize(14));
        as(user).get("/v1/journal/analysis/everything").then().statusCode(404).contentType("application/problem+json");

        StandInServers.analysisDown = true;
        StandInServers.analysisDownDetail = "the database is unavailable right now";
        as(user).get("/v1/journal/analysis/predictive").then().statusCode(503).contentType("application/problem+json")
                .body("detail", equalTo("the database is unavailable right now"));
        StandInServers.analysisDownDetail = null;
        as(user).get("/v1/journal/entries").then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("unavailable"));
    }
}
