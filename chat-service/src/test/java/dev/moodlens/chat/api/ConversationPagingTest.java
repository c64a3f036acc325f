package dev.moodlens.chat.api;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.chat.conversation.ConversationStore;
import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Review finding 18: a conversation's messages come in pages (newest first page, ?before=&limit=). */
@QuarkusTest
@WithTestResource(StandInServers.class)
class ConversationPagingTest {

    @Inject
    ConversationStore store;

    @BeforeEach
    void noFilters() {
        RestAssured.replaceFiltersWith(new java.util.ArrayList<>());
    }

    /** A conversation of {@code count} messages "m0" … "m{count-1}", oldest first. */
    private String conversation(String user, int count) {
        UUID id = store.openOrStart(user, null, "m0").id;
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                store.appendUser(id, "m" + i, null);
            } else {
                store.appendAssistant(id, "m" + i, "offline");
            }
        }
        return id.toString();
    }

    private static Response get(String user, String id, String query) {
        return given().auth().oauth2(TestTokens.user(user)).get("/v1/conversations/" + id + query);
    }

    @Test
    void finding18ALongConversationComesInPagesNewestFirst() {
        String user = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        String id = conversation(user, 250);

        Response newest = get(user, id, "");
        newest.then().statusCode(200).body("messages", hasSize(100)).body("hasOlder", equalTo(true))
                .body("messages[0].content", equalTo("m150")).body("messages[99].content", equalTo("m249"));

        long first = newest.jsonPath().getLong("messages[0].id");
        Response older = get(user, id, "?before=" + first + "&limit=120");
        older.then().statusCode(200).body("messages", hasSize(120)).body("hasOlder", equalTo(true))
                .body("messages[0].content", equalTo("m30")).body("messages[119].content", equalTo("m149"));

        long next = older.jsonPath().getLong("messages[0].id");
        get(user, id, "?before=" + next + "&limit=500").then().statusCode(200)
                .body("messages", hasSize(30)).body("hasOlder", equalTo(false))
                .body("messages[0].content", equalTo("m0"));

        List<String> all = get(user, id, "?limit=500").jsonPath().getList("messages.content");
        assertEquals(250, all.size());
        // Paging never leaks another user's conversation.
        get("someone-else", id, "?limit=5").then().statusCode(404);
    }

    @Test
    void finding18ShortConversationHasNoOlderMessages() {
        String user = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        String id = conversation(user, 3);
        get(user, id, "").then().statusCode(200).body("messages", hasSize(3)).body("hasOlder", equalTo(false));
    }

    @Test
    void finding18BadPagingParametersAre400ProblemJson() {
        String user = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        String id = conversation(user, 2);
        for (String query : List.of("?limit=0", "?limit=501", "?limit=-3", "?limit=ten", "?limit=1.5",
                "?before=0", "?before=-1", "?before=abc", "?before=99999999999999999999")) {
            get(user, id, query).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(query.startsWith("?limit") ? "limit" : "before"));
        }
        get(user, id, "?limit=500").then().statusCode(200);
        get(user, id, "?limit=1").then().statusCode(200).body("messages", hasSize(1)).body("hasOlder", equalTo(true));
    }
}
