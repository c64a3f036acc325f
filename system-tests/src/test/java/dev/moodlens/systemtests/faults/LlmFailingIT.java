package dev.moodlens.systemtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.MoodLensSuite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configured LLM endpoint answers 429, then 500 forever: every chat turn is answered by the offline responder. */
@Order(10)
class LlmFailingIT {

    @Test
    void chatAnswersOfflineWhenTheModelEndpointFails() {
        MoodLensSuite suite = MoodLensSuite.get();
        String conversation = null;
        int turns = 4;
        for (int i = 0; i < turns; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("user", "llm-fault");
            body.put("message", i % 2 == 0 ? "I had a rough day, my boss shouted at me." : "Thanks, that helps a bit.");
            if (conversation != null) {
                body.put("conversationId", conversation);
            }
            Http.Answer answer = Http.postJson(suite.chat.url() + "/v1/chat", body);
            assertEquals(200, answer.status(), answer::toString);
            JsonNode reply = answer.json();
            assertEquals("offline-fallback", reply.get("backend").asText(), answer::toString);
            assertFalse(reply.get("reply").asText().isBlank(), answer::toString);
            conversation = reply.get("conversationId").asText();
        }
        int calls = suite.llm.seen().size();
        // the endpoint was really tried, and within the retry budget (1 try + 2 retries per turn at most)
        assertTrue(calls >= 1 && calls <= 3 * turns + 3 * 20, "calls to the LLM endpoint: " + calls);
        System.out.printf("[figures] llm-failing: %d turns answered offline, %d calls to the failing endpoint%n", turns, calls);
    }
}
