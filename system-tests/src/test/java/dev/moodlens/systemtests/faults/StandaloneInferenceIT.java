package dev.moodlens.systemtests.faults;

import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.ServiceProcess;
import dev.moodlens.systemtests.support.StandInServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An inference service of its own: both models configured from a stand-in Hub that answers 503 forever,
 * and a tiny batch queue (64 texts). It must become ready on the bundled models after a bounded number of
 * Hub requests, and shed a burst beyond its queue with 503 + Retry-After, then serve again at once.
 */
@Order(40)
class StandaloneInferenceIT {

    static final int MAX_RETRIES = 3;
    static StandInServer hub;
    static ServiceProcess inference;

    @BeforeAll
    static void start() {
        hub = new StandInServer(n -> StandInServer.Fault.status(503));
        inference = new ServiceProcess("inference", "inference-hub-down", "768m")
                .env("HF_HUB_OFFLINE", "0")
                .property("moodlens.inference.sentiment.model", "hf://acme/sentiment@main")
                .property("moodlens.inference.emotion.model", "hf://acme/emotion@main")
                .property("moodlens.inference.hub.endpoint", hub.url())
                .property("moodlens.inference.hub.offline", "false")
                .property("moodlens.inference.hub.max-retries", Integer.toString(MAX_RETRIES))
                .property("moodlens.inference.hub.initial-backoff", "50ms")
                .property("moodlens.inference.hub.max-backoff", "200ms")
                .property("moodlens.inference.hub.max-total", "20s")
                .property("moodlens.inference.batch.queue-capacity", "64")
                .start().awaitReady(java.time.Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (inference != null) {
            inference.stop();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void readyOnTheBundledModelsWhenTheHubAnswers503Forever() {
        int seen = hub.seen().size();
        assertTrue(seen >= 1 && seen <= 2 * (MAX_RETRIES + 1), "requests to the Hub: " + seen + " " + hub.seen());
        Http.Answer models = Http.get(inference.url() + "/v1/models");
        assertEquals(200, models.status(), models::toString);
        assertEquals("moodlens-sentiment", models.json().at("/models/0/id").asText(), models::toString);
        assertTrue(models.json().at("/models/0/fallback").asText().contains("503"), models::toString);
        Http.Answer sentiment = Http.postJson(inference.url() + "/v1/sentiment", Map.of("text", "what a lovely day"));
        assertEquals(200, sentiment.status(), sentiment::toString);
        assertEquals(seen, hub.seen().size(), "no Hub request while serving");
        System.out.printf("[figures] hub-503-forever: ready on bundled models after %d Hub requests%n", seen);
    }

    @Test
    void aBurstBeyondTheQueueIsShedWith503AndRetryAfterThenServedAgain() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            texts.add("Today was a long and complicated day at work, and I am not sure how I feel about it, number " + i);
        }
        byte[] body = ("{\"texts\":" + toJson(texts) + "}").getBytes(StandardCharsets.UTF_8);
        Map<Integer, Integer> statuses = new TreeMap<>();
        boolean shed = false;
        for (int burst = 0; burst < 5 && !shed; burst++) {
            List<CompletableFuture<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> Http.post(inference.url() + "/v1/sentiment", "application/json", body)));
            }
            for (CompletableFuture<Http.Answer> future : answers) {
                Http.Answer answer = future.join();
                statuses.merge(answer.status(), 1, Integer::sum);
                assertTrue(answer.status() == 200 || answer.status() == 503, answer::toString);
                if (answer.status() == 503) {
                    assertTrue(answer.retryAfter().isPresent(), "503 without Retry-After: " + answer);
                    assertTrue(answer.isProblem(), answer::toString);
                    shed = true;
                }
            }
        }
        assertTrue(shed, "no request was shed: " + statuses);
        // load gone: the very next request is served
        Http.Answer after = Http.post(inference.url() + "/v1/sentiment", "application/json", body);
        assertEquals(200, after.status(), after::toString);
        System.out.printf("[figures] overload (queue 64 texts, bursts of 24 x 64 texts): statuses %s, next request %d%n",
                statuses, after.status());
    }

    private static String toJson(List<String> texts) {
        try {
            return Http.JSON.writeValueAsString(texts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
