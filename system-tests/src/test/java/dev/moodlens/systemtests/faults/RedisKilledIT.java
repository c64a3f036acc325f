package dev.moodlens.systemtests.faults;

import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.Journal;
import dev.moodlens.systemtests.support.MoodLensSuite;
import dev.moodlens.systemtests.support.PrivateRedis;
import dev.moodlens.systemtests.support.Waits;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The suite's Redis (a private redis-server) is killed with SIGKILL while analysis and chat requests
 * stream in, and started again: no request fails, and cache hits resume.
 */
@Order(20)
class RedisKilledIT {

    static final String USER = "redis-fault";
    static final String HIT = "outcome=\"hit\"";

    @Test
    void noFailedRequestWhileRedisIsKilledAndCacheHitsResume() throws Exception {
        MoodLensSuite suite = MoodLensSuite.get();
        assumeTrue(suite.redis.isPresent(), "no redis-server binary: a private Redis is needed to kill one");
        PrivateRedis redis = suite.redis.get();
        String comprehensive = suite.analysis.url() + "/v1/users/" + USER + "/analysis/comprehensive";

        Http.Answer imported = Http.post(suite.entries(USER) + "/import", "application/x-ndjson", Journal.ndjson(40, "redis"));
        assertEquals(201, imported.status(), imported::toString);
        Waits.until("entries scored", Duration.ofSeconds(90),
                () -> Http.get(comprehensive).json().at("/basis/pendingEntries").asInt() == 0);
        Waits.until("a cache hit", Duration.ofSeconds(30), () -> Http.get(comprehensive).body() != null
                && Http.metric(suite.analysis.url(), "moodlens_cache_requests_total", HIT) > 0);

        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Runnable> kinds = List.of(
                () -> record(Http.get(comprehensive), statuses, failures),
                () -> record(Http.get(suite.analysis.url() + "/v1/users/" + USER + "/context"), statuses, failures),
                () -> record(Http.postJson(suite.chat.url() + "/v1/chat",
                        Map.of("user", USER, "message", "Still thinking about today.")), statuses, failures),
                () -> record(Http.get(suite.analysis.url() + "/v1/users/" + USER + "/analysis/personality"), statuses, failures));
        for (Runnable kind : kinds) {
            clients.submit(() -> {
                while (running.get()) {
                    try {
                        kind.run();
                    } catch (RuntimeException e) {
                        failures.add("exception " + e);
                    }
                }
            });
        }
        Waits.sleep(Duration.ofSeconds(2));
        redis.kill();
        Waits.sleep(Duration.ofSeconds(4));
        redis.start();
        Waits.sleep(Duration.ofSeconds(3));
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(90, TimeUnit.SECONDS));

        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("[figures] redis-killed: %d requests during kill+restart, statuses %s, failures %d%n",
                total, statuses, failures.size());
        assertTrue(failures.isEmpty(), () -> "failed requests: " + failures);
        assertTrue(total > 0);

        // A fresh Redis is empty: the next request misses and fills it, a later one hits.
        double hitsBefore = Http.metric(suite.analysis.url(), "moodlens_cache_requests_total", HIT);
        Waits.until("cache hits after the restart", Duration.ofSeconds(60), () -> {
            Http.Answer answer = Http.get(comprehensive);
            return answer.status() == 200
                    && Http.metric(suite.analysis.url(), "moodlens_cache_requests_total", HIT) > hitsBefore;
        });
    }

    private static void record(Http.Answer answer, Map<Integer, AtomicInteger> statuses, ConcurrentLinkedQueue<String> failures) {
        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        if (answer.status() != 200) {
            failures.add(answer.toString());
        }
    }
}
