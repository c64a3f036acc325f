package dev.moodlens.systemtests.faults;

import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.MoodLensSuite;
import dev.moodlens.systemtests.support.PrivatePostgres;
import dev.moodlens.systemtests.support.ServiceProcess;
import dev.moodlens.systemtests.support.Waits;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The suite's PostgreSQL (a private cluster) is stopped: every write and read that needs it answers 503
 * problem JSON with Retry-After, readiness is DOWN and nothing
 * is half-written. After PostgreSQL starts again the same service processes recover: readiness UP, and
 * within a bounded number of requests (stale pooled connections fail once each) writes and chat work again.
 */
@Order(90)
class PostgresStoppedIT {

    static final String USER = "pg-fault";
    static final int CONSECUTIVE_SUCCESSES = 20;

    @Test
    void clearErrorsWhileDownAndRecoveryWithoutRestart() {
        MoodLensSuite suite = MoodLensSuite.get();
        assumeTrue(suite.postgres.isPresent(), "no private PostgreSQL cluster could be created here");
        PrivatePostgres postgres = suite.postgres.get();
        assertEquals(201, Http.postJson(suite.entries(USER), Map.of("text", "Before the database went away.")).status());
        assertEquals(1, suite.entryCount(USER));

        List<String> whileDown = new ArrayList<>();
        postgres.stop();
        try {
            List<Supplier<Http.Answer>> requests = List.of(
                    () -> Http.postJson(suite.entries(USER), Map.of("text", "While the database is down.")),
                    () -> Http.post(suite.entries(USER) + "/import", "application/x-ndjson",
                            "{\"text\":\"one\"}\n{\"text\":\"two\"}\n".getBytes()),
                    () -> Http.get(suite.entries(USER)),
                    () -> Http.get(suite.analysis.url() + "/v1/users/" + USER + "/analysis/comprehensive"),
                    () -> Http.postJson(suite.chat.url() + "/v1/chat", Map.of("user", USER, "message", "Hello?")));
            for (Supplier<Http.Answer> request : requests) {
                long start = System.nanoTime();
                Http.Answer answer = request.get();
                whileDown.add(answer.status() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms"
                        + answer.retryAfter().map(r -> " Retry-After " + r).orElse(""));
                assertEquals(503, answer.status(), answer::toString);
                assertTrue(answer.retryAfter().isPresent(), answer::toString);
                assertTrue(answer.isProblem(), answer::toString);
            }
            for (ServiceProcess service : List.of(suite.analysis, suite.chat)) {
                Http.Answer ready = Http.get(service.url() + "/q/health/ready");
                whileDown.add("ready " + ready.status());
                assertEquals(503, ready.status(), ready::toString);
                assertTrue(ready.body().contains("DOWN"), ready::toString);
            }
        } finally {
            System.out.printf("[figures] postgres-stopped: answers while down %s%n", whileDown);
            postgres.start();
        }
        for (ServiceProcess service : List.of(suite.analysis, suite.chat)) {
            Waits.until(service.url() + " ready again", Duration.ofSeconds(60),
                    () -> Http.get(service.url() + "/q/health/ready").status() == 200);
        }
        // nothing of the refused writes was stored
        assertEquals(1, suite.entryCount(USER));

        // the same processes serve again; a stale pooled connection may fail one request each
        Map<Integer, Integer> afterRestart = new TreeMap<>();
        int consecutive = 0;
        int written = 0;
        for (int i = 0; i < 200 && consecutive < CONSECUTIVE_SUCCESSES; i++) {
            Http.Answer write = Http.postJson(suite.entries(USER), Map.of("text", "After the database came back " + i));
            Http.Answer chat = Http.postJson(suite.chat.url() + "/v1/chat", Map.of("user", USER, "message", "Back again " + i));
            afterRestart.merge(write.status(), 1, Integer::sum);
            afterRestart.merge(chat.status(), 1, Integer::sum);
            assertTrue(write.status() == 201 || write.status() >= 500 && write.isProblem(), write::toString);
            assertTrue(chat.status() == 200 || chat.status() >= 500 && chat.isProblem(), chat::toString);
            written += write.status() == 201 ? 1 : 0;
            consecutive = write.status() == 201 && chat.status() == 200 ? consecutive + 1 : 0;
        }
        System.out.printf("[figures] postgres-restarted: statuses until %d clean rounds %s%n", CONSECUTIVE_SUCCESSES, afterRestart);
        assertEquals(CONSECUTIVE_SUCCESSES, consecutive, "no recovery: " + afterRestart);
        // every answered write is there, every failed one is not
        assertEquals(1 + written, suite.entryCount(USER));
    }
}
