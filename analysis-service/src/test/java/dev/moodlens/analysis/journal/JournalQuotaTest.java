package dev.moodlens.analysis.journal;

import dev.moodlens.analysis.support.StubInference;
import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Review finding 2: the per-user journal quota (entries and bytes of text), with small limits. */
@QuarkusTest
@TestProfile(JournalQuotaTest.SmallQuota.class)
@WithTestResource(StubInference.class)
class JournalQuotaTest {

    static final int MAX_ENTRIES = 5;
    static final int MAX_BYTES = 300;

    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moodlens.analysis.max-journal-entries", Integer.toString(MAX_ENTRIES),
                    "moodlens.analysis.max-journal-text-bytes", Integer.toString(MAX_BYTES));
        }
    }

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    private static String user() {
        return "q-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static ValidatableResponse post(String user, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text)).post("/v1/users/{u}/entries", user).then();
    }

    private static ValidatableResponse importLines(String user, int lines, String text) {
        String body = ("{\"text\": \"" + text + "\"}\n").repeat(lines);
        return given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/users/{u}/entries/import", user).then();
    }

    private static int total(String user) {
        return given().get("/v1/users/{u}/entries", user).then().statusCode(200).extract().path("total");
    }

    private static void refused(ValidatableResponse response, String limit) {
        response.statusCode(409).contentType("application/problem+json").body("errors.limit", is(limit))
                .body("detail", containsString(limit)).body("detail", containsString("nothing was stored"));
    }

    @Test
    void finding2EntriesPastTheQuotaAreRefusedWithProblemJsonAndNothingIsStored() {
        String user = user();
        for (int i = 0; i < MAX_ENTRIES; i++) {
            post(user, "entry " + i).statusCode(201);
        }
        refused(post(user, "one too many"), "max-journal-entries");
        assertEquals(MAX_ENTRIES, total(user));
        // A delete makes room again.
        String id = given().get("/v1/users/{u}/entries", user).then().extract().path("items[0].id");
        given().delete("/v1/users/{u}/entries/{id}", user, id).then().statusCode(204);
        post(user, "fits again").statusCode(201);
        assertEquals(MAX_ENTRIES, total(user));
    }

    @Test
    void finding2AnImportPastTheQuotaIsRefusedWhole() {
        String user = user();
        importLines(user, 3, "three of them").statusCode(201);
        refused(importLines(user, 3, "three more"), "max-journal-entries");
        assertEquals(3, total(user));
        importLines(user, 2, "two more fit").statusCode(201);
        assertEquals(MAX_ENTRIES, total(user));
        // A first import past the quota leaves no journal behind.
        String fresh = user();
        refused(importLines(fresh, MAX_ENTRIES + 1, "x"), "max-journal-entries");
        given().get("/v1/users/{u}/entries", fresh).then().statusCode(404);
    }

    @Test
    void finding2TextBytesPastTheQuotaAreRefusedAndAGrowingUpdateToo() {
        String user = user();
        // 100 characters of 2 UTF-8 bytes each: 200 of the 300 bytes.
        String id = given().contentType(ContentType.JSON).body(Map.of("text", "é".repeat(100)))
                .post("/v1/users/{u}/entries", user).then().statusCode(201).extract().path("id");
        refused(post(user, "x".repeat(101)), "max-journal-text-bytes");
        post(user, "x".repeat(100)).statusCode(201);
        refused(given().contentType(ContentType.JSON).body(Map.of("text", "é".repeat(101)))
                .put("/v1/users/{u}/entries/{id}", user, id).then(), "max-journal-text-bytes");
        given().get("/v1/users/{u}/entries/{id}", user, id).then().body("text", is("é".repeat(100)));
        // A shrinking update always passes and frees its bytes.
        given().contentType(ContentType.JSON).body(Map.of("text", "short")).put("/v1/users/{u}/entries/{id}", user, id)
                .then().statusCode(200);
        post(user, "y".repeat(190)).statusCode(201);
        refused(importLines(user, 1, "z".repeat(10)), "max-journal-text-bytes");
        assertEquals(3, total(user));
    }
}
