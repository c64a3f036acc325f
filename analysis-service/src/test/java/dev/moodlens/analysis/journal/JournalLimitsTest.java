package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.analysis.support.StubInference;
import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review finding 2: a small body limit on the single-entry routes (bytes as read) and the streamed export. */
@QuarkusTest
@WithTestResource(StubInference.class)
class JournalLimitsTest {

    /** moodlens.analysis.max-body-bytes, default. */
    static final int MAX_BODY = 524_288;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    private static String user() {
        return "lim-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static int total(String user) {
        return given().get("/v1/users/{u}/entries", user).then().statusCode(200).extract().path("total");
    }

    /** Sends the body chunked (an InputStream of unknown length: no Content-Length). */
    static HttpResponse<String> chunked(String method, String path, byte[] body) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    /** Sends the body with its Content-Length; the client writes all of it before it reads the answer. */
    static HttpResponse<String> sized(String method, String path, byte[] body) throws Exception {
        return send(method, path, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        return send(HttpClient.Version.HTTP_1_1, method, path, body);
    }

    private static HttpResponse<String> send(HttpClient.Version version, String method, String path,
                                             HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.service())
                .timeout(java.time.Duration.ofSeconds(30)).method(method, body).build();
        return HttpClient.newBuilder().version(version).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertBodyTooLarge(HttpResponse<String> response) {
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("larger than " + MAX_BODY + " bytes"), response.body());
    }

    /** A valid entry followed by 2 MB of whitespace: JSON that parses, stored whole before the fix. */
    private static byte[] paddedEntry(String text) {
        return ("{\"text\": \"" + text + "\"}" + " ".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void finding2ChunkedOversizedEntryIsRefusedAsReadAndNothingIsStored() throws Exception {
        String user = user();
        given().contentType(ContentType.JSON).body("{\"text\": \"first\"}").post("/v1/users/{u}/entries", user)
                .then().statusCode(201);
        assertBodyTooLarge(chunked("POST", "/v1/users/" + user + "/entries", paddedEntry("padded")));
        assertEquals(1, total(user));
        // The limit is the body's, whatever its fields: a huge unknown field is not parsed first.
        assertBodyTooLarge(chunked("POST", "/v1/users/" + user + "/entries",
                ("{\"text\": \"a\", \"pad\": \"" + "x".repeat(3 * MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, total(user));
    }

    @Test
    void anHttp2ClientsEntryIsStoredAndItsOversizedOneRefused() throws Exception {
        // The JDK client asks for an h2c upgrade: answered in HTTP/1.1 (common's BodyLimitHttp1), never a 500.
        String user = user();
        HttpResponse<String> created = send(HttpClient.Version.HTTP_2, "POST", "/v1/users/" + user + "/entries",
                HttpRequest.BodyPublishers.ofString("{\"text\": \"Written by an HTTP/2 client.\"}"));
        assertEquals(201, created.statusCode(), created.body());
        assertBodyTooLarge(send(HttpClient.Version.HTTP_2, "POST", "/v1/users/" + user + "/entries",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(paddedEntry("padded")))));
        assertEquals(1, total(user));
    }

    @Test
    void finding2OversizedUpdateIsRefusedAndTheEntryIsUnchanged() throws Exception {
        String user = user();
        String id = given().contentType(ContentType.JSON).body("{\"text\": \"kept as it is\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201).extract().path("id");
        assertBodyTooLarge(chunked("PUT", "/v1/users/" + user + "/entries/" + id, paddedEntry("replaced")));
        // With a Content-Length over the limit: refused before anything is read (and answered although the client
        // sends the whole body before it reads).
        assertBodyTooLarge(sized("PUT", "/v1/users/" + user + "/entries/" + id, paddedEntry("replaced")));
        assertBodyTooLarge(sized("POST", "/v1/users/" + user + "/entries", paddedEntry("replaced")));
        given().get("/v1/users/{u}/entries/{id}", user, id).then().statusCode(200).body("text", is("kept as it is"));
    }

    @Test
    void finding2TheLongestEntryStillFitsAndImportsKeepTheLargeLimit() throws Exception {
        String user = user();
        // 50,000 characters of 3 UTF-8 bytes each, sent \\u-escaped by a client such as Python's json.dumps
        // (6 bytes a character): 300,000 bytes, under the limit.
        String escaped = "\\u20ac".repeat(50_000);
        HttpResponse<String> created = chunked("POST", "/v1/users/" + user + "/entries",
                ("{\"text\": \"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.statusCode(), created.body());
        // An import of 2 MB, over the single-entry limit, is taken.
        StringBuilder lines = new StringBuilder();
        while (lines.length() < 2 * MAX_BODY) {
            lines.append("{\"text\": \"a line of an import that is larger than one entry may be\"}\n");
        }
        int expected = lines.toString().split("\n").length;
        given().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/users/{u}/entries/import", user).then().statusCode(201).body("imported", is(expected));
        assertEquals(expected + 1, total(user));
        // An empty body (Content-Length: 0) is read as one, not waited for.
        HttpResponse<String> empty = sized("POST", "/v1/users/" + user + "/entries", new byte[0]);
        assertEquals(400, empty.statusCode(), empty.body());
        assertTrue(empty.body().contains("JSON entry object is required"), empty.body());
    }

    @Test
    void finding2ExportIsStreamedInPagesAndHasEveryEntryInOrder() throws Exception {
        String user = user();
        // More than two pages, many entries at the same instant: the keyset (writtenAt, id) must neither skip
        // nor repeat an entry at a page boundary.
        int count = 2 * JournalExport.PAGE + 37;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"text\": \"entry ").append(i).append("\", \"writtenAt\": \"2026-10-0")
                    .append(1 + i % 3).append("T09:00:00Z\"}\n");
        }
        given().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/users/{u}/entries/import", user).then().statusCode(201);
        String body = given().get("/v1/users/{u}/entries/export", user).then().statusCode(200)
                .contentType("application/x-ndjson").header("Transfer-Encoding", "chunked").extract().asString();
        List<String> ids = new ArrayList<>();
        String previous = "";
        for (String line : body.strip().split("\n")) {
            JsonNode entry = JSON.readTree(line);
            String key = entry.get("writtenAt").asText() + " " + entry.get("id").asText();
            assertTrue(key.compareTo(previous) > 0, "out of order: " + previous + " then " + key);
            previous = key;
            ids.add(entry.get("id").asText());
        }
        assertEquals(count, ids.size());
        assertEquals(count, ids.stream().distinct().count());
        given().get("/v1/users/{u}/entries/export", "nobody-" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
