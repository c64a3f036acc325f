package dev.moodlens.analysis.journal;

import dev.moodlens.analysis.support.StubInference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(StubInference.class)
class JournalApiTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @AfterEach
    void inferenceBackUp() {
        StubInference.up();
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static String create(String user, String json) {
        return given().contentType(ContentType.JSON).body(json).post("/v1/users/{u}/entries", user)
                .then().statusCode(201).header("Location", containsString("/v1/users/" + user + "/entries/"))
                .extract().path("id");
    }

    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void awaitNothingPending(String user) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            int pending = given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200)
                    .extract().path("basis.pendingEntries");
            if (pending == 0) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("entries of " + user + " were not scored in time");
    }

    private static int total(String user) {
        return given().get("/v1/users/{u}/entries", user).then().statusCode(200).extract().path("total");
    }

    @Test
    void createReadUpdateDeleteAndList() {
        String user = user();
        String id = create(user, """
                {"text": "A good day at the lake.", "writtenAt": "2026-11-01T08:30:00+02:00", "title": "Lake", "tags": ["outdoors", "friends"]}""");
        given().get("/v1/users/{u}/entries/{id}", user, id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("text", equalTo("A good day at the lake."))
                .body("writtenAt", equalTo("2026-11-01T08:30+02:00"))
                .body("title", equalTo("Lake"))
                .body("tags", hasSize(2));

        given().contentType(ContentType.JSON).body("{\"text\": \"Edited: a calm evening.\", \"writtenAt\": \"2026-11-01T20:00:00Z\"}")
                .put("/v1/users/{u}/entries/{id}", user, id).then().statusCode(200)
                .body("text", equalTo("Edited: a calm evening.")).body("title", equalTo(null));

        create(user, "{\"text\": \"Second entry, no date given\"}");
        create(user, "{\"text\": \"Third\", \"writtenAt\": \"2026-10-01T10:00:00Z\"}");
        given().queryParam("size", 2).get("/v1/users/{u}/entries", user).then().statusCode(200)
                .body("total", is(3)).body("items", hasSize(2)).body("items[0].text", equalTo("Second entry, no date given"));
        given().queryParam("from", "2026-10-15").queryParam("to", "2026-11-01").get("/v1/users/{u}/entries", user)
                .then().statusCode(200).body("total", is(1)).body("items[0].id", equalTo(id));
        given().queryParam("order", "asc").get("/v1/users/{u}/entries", user).then()
                .body("items[0].text", equalTo("Third"));

        given().delete("/v1/users/{u}/entries/{id}", user, id).then().statusCode(204);
        given().get("/v1/users/{u}/entries/{id}", user, id).then().statusCode(404)
                .contentType("application/problem+json");
        org.junit.jupiter.api.Assertions.assertEquals(2, total(user));
    }

    @Test
    void listsByTextTagAndPendingAndRefusesBadFilters() {
        String user = user();
        StubInference.down(); // entries stay pending until an analysis scores them below
        String lake = create(user, """
                {"text": "A good day at the Lake, 100% calm.", "writtenAt": "2026-11-01T08:30:00Z", "tags": ["Outdoors", "friends"]}""");
        String title = create(user, """
                {"text": "Quiet.", "title": "Back at the lake", "writtenAt": "2026-11-02T08:30:00Z", "tags": ["outdoorsy"]}""");
        create(user, """
                {"text": "Work all day_long.", "writtenAt": "2026-11-03T08:30:00Z", "tags": ["work"]}""");

        // Text: case-insensitive, in the text or the title; LIKE wildcards are plain characters.
        given().queryParam("q", "  LAKE ").get("/v1/users/{u}/entries", user).then().statusCode(200)
                .body("total", is(2)).body("items[0].id", equalTo(title)).body("items[1].id", equalTo(lake));
        given().queryParam("q", "100%").get("/v1/users/{u}/entries", user).then().body("total", is(1));
        given().queryParam("q", "%").get("/v1/users/{u}/entries", user).then().body("total", is(1));
        given().queryParam("q", "y_l").get("/v1/users/{u}/entries", user).then().body("total", is(1));
        given().queryParam("q", "d_y").get("/v1/users/{u}/entries", user).then().body("total", is(0));
        // Tag: whole tags, case-insensitive ("outdoors" is not "outdoorsy"); combined with a date range.
        given().queryParam("tag", "outdoors").get("/v1/users/{u}/entries", user).then()
                .body("total", is(1)).body("items[0].id", equalTo(lake));
        given().queryParam("tag", "outdoors").queryParam("q", "quiet").get("/v1/users/{u}/entries", user).then()
                .body("total", is(0));
        given().queryParam("q", "lake").queryParam("to", "2026-11-01").get("/v1/users/{u}/entries", user).then()
                .body("total", is(1)).body("items[0].id", equalTo(lake));
        // Pending: nothing scored while inference is down; an analysis scores them once it is back.
        given().queryParam("pending", "true").queryParam("size", 1).get("/v1/users/{u}/entries", user).then()
                .statusCode(200).body("total", is(3)).body("items", hasSize(1));
        StubInference.up();
        // The client's circuit breaker, opened by the calls made while inference was down, lets the next
        // calls through after its delay: each analysis tries again until everything is scored.
        awaitNothingPending(user);
        given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200).body("basis.pendingEntries", is(0));
        given().queryParam("pending", "true").get("/v1/users/{u}/entries", user).then().body("total", is(0));
        given().queryParam("pending", "false").get("/v1/users/{u}/entries", user).then().body("total", is(3));

        // A cleared search box (q= or blanks) is no filter.
        given().queryParam("q", "").get("/v1/users/{u}/entries", user).then().statusCode(200).body("total", is(3));
        given().queryParam("q", "  ").queryParam("tag", "").get("/v1/users/{u}/entries", user).then().body("total", is(3));
        // Review finding 8: page * size overflowed an int into a 500.
        given().queryParam("page", Integer.MAX_VALUE).queryParam("size", 2).get("/v1/users/{u}/entries", user).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("page"));
        for (String[] bad : new String[][]{{"q", "x".repeat(201)}, {"tag", "t".repeat(65)}, {"q", "a\u0000b"},
                {"pending", "yes"}, {"from", "soon"}}) {
            given().queryParam(bad[0], bad[1]).get("/v1/users/{u}/entries", user).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(bad[0]));
        }
    }

    @Test
    void anEntryIsReadBySentenceAndShowsWhichSentencesCarriedTheMood() {
        String user = user();
        String text = "The meeting ran long. I felt lonely and sad all afternoon. Dinner was fine.";
        String id = create(user, "{\"text\": \"" + text + "\"}");
        awaitNothingPending(user); // an analysis scores what is pending
        var entry = given().get("/v1/users/{u}/entries/{id}", user, id).then().statusCode(200)
                .body("scores.sentiment", equalTo("negative"))
                .body("scores.sentences", hasSize(3))
                .body("scores.sentences.carriesMood", contains(false, true, false))
                .body("scores.sentences[1].sentiment", equalTo("negative"))
                .body("scores.sentences[1].emotion", equalTo("sadness"))
                .extract();
        int start = entry.path("scores.sentences[1].start");
        int end = entry.path("scores.sentences[1].end");
        org.junit.jupiter.api.Assertions.assertEquals("I felt lonely and sad all afternoon.", text.substring(start, end).strip());
        // finding 21: mood is rounded like the scores it comes from (0.05 - 0.85 is -0.7999999999999999 in doubles).
        org.hamcrest.MatcherAssert.assertThat(entry.asString(), containsString("\"mood\":-0.8,"));
    }

    @Test
    void malformedJsonIsAProblemAndStoresNothing() {
        String user = user();
        create(user, "{\"text\": \"keep me\"}");
        given().contentType(ContentType.JSON).body("{\"text\": \"broken").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
        given().contentType(ContentType.JSON).body("[1, 2]").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", containsString("JSON object"));
        org.junit.jupiter.api.Assertions.assertEquals(1, total(user));
    }

    @Test
    void missingFieldsWrongTypesAndUnknownFieldsAreNamed() {
        String user = user();
        given().contentType(ContentType.JSON).body("{\"title\": \"no text\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", equalTo("text is required")).body("errors.text", notNullValue());
        given().contentType(ContentType.JSON).body("{\"text\": 42}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", equalTo("text must be a string, not a number"));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"tags\": \"one\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", containsString("tags must be an array"));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"writtenAt\": \"yesterday\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", containsString("writtenAt 'yesterday' is not an ISO-8601"));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"mood\": 3}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", equalTo("unknown field 'mood'"));
        given().contentType(ContentType.JSON).body("{\"text\": \"   \"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(400).body("detail", equalTo("text must not be empty"));
        // None of these created the user.
        given().get("/v1/users/{u}/entries", user).then().statusCode(404);
    }

    @Test
    void datesMoreThanADayAheadAreRefused() {
        String user = user();
        String soon = Instant.now().plus(20, ChronoUnit.HOURS).toString();
        create(user, "{\"text\": \"time zones\", \"writtenAt\": \"" + soon + "\"}");
        String later = Instant.now().plus(3, ChronoUnit.DAYS).toString();
        given().contentType(ContentType.JSON).body("{\"text\": \"from the future\", \"writtenAt\": \"" + later + "\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(400)
                .body("detail", containsString("in the future")).body("errors.writtenAt", notNullValue());
    }

    @Test
    void aOneMegabyteEntryIsTooLarge() {
        String user = user();
        String big = "a".repeat(1024 * 1024);
        // Past moodlens.analysis.max-body-bytes: refused by the body limit before it is parsed (review finding 2).
        given().contentType(ContentType.JSON).body("{\"text\": \"" + big + "\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("larger than 524288 bytes"));
        // Within the body limit but over max-entry-chars: refused by the entry check, naming the length.
        given().contentType(ContentType.JSON).body("{\"text\": \"" + "a".repeat(50_001) + "\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("50001 characters"));
    }

    @Test
    void unknownUsersAndBadIdsAnswerProblems() {
        given().get("/v1/users/{u}/entries", "nobody-" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no journal"));
        given().get("/v1/users/{u}/analysis/comprehensive", "nobody-" + UUID.randomUUID()).then().statusCode(404);
        given().get("/v1/users/{u}/entries", "bad user!").then().statusCode(400).body("detail", containsString("user id"));
        given().get("/v1/users/{u}/entries", "x".repeat(65)).then().statusCode(400);
        String user = user();
        create(user, "{\"text\": \"hello\"}");
        given().get("/v1/users/{u}/entries/{id}", user, "not-a-uuid").then().statusCode(404);
        given().get("/v1/users/{u}/entries/{id}", user, UUID.randomUUID()).then().statusCode(404);
        given().queryParam("size", 0).get("/v1/users/{u}/entries", user).then().statusCode(400);
        given().queryParam("from", "last week").get("/v1/users/{u}/entries", user).then().statusCode(400)
                .body("detail", containsString("from must be"));
    }

    @Test
    void aFailedUpdateLeavesTheEntryAsItWas() {
        String user = user();
        String id = create(user, "{\"text\": \"original words\", \"title\": \"T\"}");
        given().contentType(ContentType.JSON).body("{\"text\": 7}").put("/v1/users/{u}/entries/{id}", user, id)
                .then().statusCode(400);
        given().get("/v1/users/{u}/entries/{id}", user, id).then().body("text", equalTo("original words"))
                .body("title", equalTo("T"));
    }

    @Test
    void importsJsonLinesAllOrNothing() {
        String user = user();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append("{\"text\": \"entry ").append(i).append(" was a good day\", \"writtenAt\": \"2026-0")
                    .append(1 + i % 9).append("-1").append(i % 10).append("T10:00:00Z\", \"tags\": [\"bulk\"]}\n");
        }
        given().contentType("application/x-ndjson").body(bytes(lines.toString())).post("/v1/users/{u}/entries/import", user)
                .then().statusCode(201).body("imported", is(2000)).body("format", equalTo("ndjson"));
        org.junit.jupiter.api.Assertions.assertEquals(2000, total(user));

        String bad = "{\"text\": \"fine\"}\n\n{\"text\": \"also fine\"}\n{\"text\": \"bad date\", \"writtenAt\": \"soon\"}\n";
        given().contentType("application/x-ndjson").body(bytes(bad)).post("/v1/users/{u}/entries/import", user)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line 4")).body("errors.line", is(4)).body("errors.field", equalTo("writtenAt"));
        given().contentType("application/x-ndjson").body(bytes("{\"text\": \"ok\"}\n{not json}\n"))
                .post("/v1/users/{u}/entries/import", user).then().statusCode(400).body("errors.line", is(2))
                .body("detail", containsString("not valid JSON"));
        org.junit.jupiter.api.Assertions.assertEquals(2000, total(user));
    }

    @Test
    void importsCsvWithAHeaderRow() {
        String user = user();
        String csv = "writtenAt,title,text,tags\n"
                + "2026-10-01T09:00:00Z,Morning,\"Coffee, then a long walk. Felt calm.\",walk;coffee\n"
                + "2026-10-02T21:00:00Z,,\"A quote: \"\"keep going\"\"\",\n";
        given().contentType("text/csv").body(csv).post("/v1/users/{u}/entries/import", user)
                .then().statusCode(201).body("imported", is(2)).body("format", equalTo("csv"));
        given().queryParam("order", "asc").get("/v1/users/{u}/entries", user).then()
                .body("items[0].text", equalTo("Coffee, then a long walk. Felt calm."))
                .body("items[0].tags", hasSize(2))
                .body("items[1].text", equalTo("A quote: \"keep going\""));

        String bad = "text,writtenAt\nfine,2026-10-01T09:00:00Z\n,2026-10-02T09:00:00Z\n";
        given().contentType("text/csv").body(bad).post("/v1/users/{u}/entries/import", user)
                .then().statusCode(400).body("errors.line", is(3)).body("detail", containsString("text"));
        given().contentType("text/csv").body("body,when\nx,y\n").post("/v1/users/{u}/entries/import", user)
                .then().statusCode(400).body("detail", containsString("unknown CSV column"));
        org.junit.jupiter.api.Assertions.assertEquals(2, total(user));
    }

    @Test
    void exportsEveryEntryAsJsonLines() {
        String user = user();
        create(user, "{\"text\": \"one\", \"writtenAt\": \"2026-10-01T09:00:00Z\"}");
        create(user, "{\"text\": \"two\", \"writtenAt\": \"2026-10-02T09:00:00Z\"}");
        String body = given().get("/v1/users/{u}/entries/export", user).then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        String[] lines = body.strip().split("\n");
        org.junit.jupiter.api.Assertions.assertEquals(2, lines.length);
        org.junit.jupiter.api.Assertions.assertTrue(lines[0].contains("\"text\":\"one\"") && lines[0].contains("\"results\""));
        // An export can be imported again as it is.
        String copy = user();
        given().contentType("application/x-ndjson").body(bytes(body)).post("/v1/users/{u}/entries/import", copy)
                .then().statusCode(201).body("imported", is(2));
    }
}
