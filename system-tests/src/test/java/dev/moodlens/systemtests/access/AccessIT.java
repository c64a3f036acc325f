package dev.moodlens.systemtests.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.MoodLensSuite;
import dev.moodlens.systemtests.support.SuiteKeys;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users and access across the real services: accounts at the chat service, its tokens accepted by the
 * others, every journal and conversation visible to its owner only, and nothing served without a token.
 */
@Order(5)
class AccessIT {

    private static Http.Answer call(String method, String url, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return Http.anonymous(request);
    }

    @Test
    void accountsTokensAndOwnership() throws Exception {
        MoodLensSuite suite = MoodLensSuite.get();
        String chat = suite.chat.url();
        String alice = "alice-" + UUID.randomUUID().toString().substring(0, 6);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 6);
        String credentials = "{\"user\":\"%s\",\"password\":\"%s\"}";

        // Register and log in at the chat service; the wrong password and an unknown user get the same 401.
        Http.Answer registered = call("POST", chat + "/v1/auth/register", null, credentials.formatted(alice, "alice's password"));
        assertEquals(201, registered.status(), registered::toString);
        assertEquals(201, call("POST", chat + "/v1/auth/register", null, credentials.formatted(bob, "bob's password")).status());
        String aliceToken = call("POST", chat + "/v1/auth/login", null, credentials.formatted(alice, "alice's password")).json().get("token").asText();
        String bobToken = call("POST", chat + "/v1/auth/login", null, credentials.formatted(bob, "bob's password")).json().get("token").asText();
        Http.Answer wrong = call("POST", chat + "/v1/auth/login", null, credentials.formatted(alice, "bob's password"));
        Http.Answer unknown = call("POST", chat + "/v1/auth/login", null, credentials.formatted("nobody-" + alice, "whatever1"));
        assertEquals(401, wrong.status());
        assertEquals(wrong.json().get("detail"), unknown.json().get("detail"));

        // Alice chats and writes an entry through the chat service (which calls analysis with its service token).
        Http.Answer turn = call("POST", chat + "/v1/chat", aliceToken, "{\"message\":\"I felt anxious about my sister today\"}");
        assertEquals(200, turn.status(), turn::toString);
        String conversation = turn.json().get("conversationId").asText();
        Http.Answer entry = call("POST", chat + "/v1/journal/entries", aliceToken, "{\"text\":\"My secret: the lake house.\"}");
        assertEquals(201, entry.status(), entry::toString);
        String entryId = entry.json().get("id").asText();

        // Bob sees none of it: not through chat, not with his token straight at the analysis service.
        assertEquals(404, call("GET", chat + "/v1/conversations/" + conversation, bobToken, null).status());
        assertEquals(0, call("GET", chat + "/v1/conversations", bobToken, null).json().size());
        String aliceEntries = suite.analysis.url() + "/v1/users/" + alice + "/entries";
        for (String url : List.of(aliceEntries, aliceEntries + "/" + entryId, aliceEntries + "/export",
                suite.analysis.url() + "/v1/users/" + alice + "/analysis/comprehensive",
                suite.analysis.url() + "/v1/users/" + alice + "/context")) {
            Http.Answer answer = call("GET", url, bobToken, null);
            assertEquals(404, answer.status(), url + " " + answer);
            assertTrue(answer.isProblem());
            assertFalse(answer.body().contains("lake house"), answer::toString);
        }
        assertEquals(404, call("DELETE", aliceEntries + "/" + entryId, bobToken, null).status());
        // Alice's own token opens her journal at the analysis service too (curl with ./moodlens token).
        Http.Answer own = call("GET", aliceEntries + "/" + entryId, aliceToken, null);
        assertEquals(200, own.status(), own::toString);
        assertEquals("My secret: the lake house.", own.json().get("text").asText());

        // Nothing without a valid token, on every service; a user token may classify (no user data there).
        String classify = suite.inference.url() + "/v1/classify";
        for (Http.Answer answer : List.of(call("GET", chat + "/v1/conversations", null, null),
                call("POST", chat + "/v1/chat", null, "{\"message\":\"hi\"}"),
                call("GET", aliceEntries, null, null),
                call("POST", classify, null, "{\"text\":\"hi\"}"),
                call("POST", classify, "forged." + aliceToken.substring(aliceToken.indexOf('.') + 1), "{\"text\":\"hi\"}"))) {
            assertEquals(401, answer.status(), answer::toString);
            assertTrue(answer.isProblem(), answer::toString);
        }
        assertEquals(200, call("POST", classify, aliceToken, "{\"text\":\"hi\"}").status());
        assertEquals(200, call("POST", classify, SuiteKeys.get().service(), "{\"text\":\"hi\"}").status());
        // A service token is no way into the chat API: chat's own name analysis and inference only (401).
        assertEquals(401, call("GET", chat + "/v1/conversations", SuiteKeys.get().service(), null).status());
        // Review finding 6: the analysis key signs no user token, on any service.
        String mintedByAnalysis = SuiteKeys.get().userSignedByAnalysis(alice);
        for (Http.Answer answer : List.of(call("GET", chat + "/v1/conversations", mintedByAnalysis, null),
                call("GET", aliceEntries, mintedByAnalysis, null),
                call("POST", classify, mintedByAnalysis, "{\"text\":\"hi\"}"))) {
            assertEquals(401, answer.status(), answer::toString);
        }
        JsonNode context = call("GET", chat + "/v1/journal/context", aliceToken, null).json();
        System.out.println("[figures] access: 2 accounts, 7 cross-user reads refused with 404, 5 unauthenticated calls refused with 401; "
                + "context entries of alice: " + context.path("entryCount"));
    }
}
