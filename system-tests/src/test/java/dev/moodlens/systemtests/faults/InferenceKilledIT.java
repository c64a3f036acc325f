package dev.moodlens.systemtests.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.systemtests.support.Http;
import dev.moodlens.systemtests.support.Journal;
import dev.moodlens.systemtests.support.MoodLensSuite;
import dev.moodlens.systemtests.support.Waits;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inference service is killed (SIGKILL) while a large import is stored and scored: every entry is
 * stored, analyses still answer (with pending entries), and once inference is back every entry gets scored.
 */
@Order(30)
class InferenceKilledIT {

    static final String USER = "import-fault";
    static final int ENTRIES = 400;

    @Test
    void everyEntryIsStoredAndScoredAfterInferenceReturns() throws Exception {
        MoodLensSuite suite = MoodLensSuite.get();
        String comprehensive = suite.analysis.url() + "/v1/users/" + USER + "/analysis/comprehensive";
        byte[] journal = Journal.ndjson(ENTRIES, "import");
        try {
            CompletableFuture<Http.Answer> importing = CompletableFuture.supplyAsync(
                    () -> Http.post(suite.entries(USER) + "/import", "application/x-ndjson", journal));
            Waits.sleep(Duration.ofMillis(300));
            suite.inference.kill();
            Http.Answer imported = importing.get(120, TimeUnit.SECONDS);
            assertEquals(201, imported.status(), imported::toString);
            assertEquals(ENTRIES, imported.json().get("imported").asInt(), imported::toString);
            assertEquals(ENTRIES, suite.entryCount(USER));

            // with inference down the analysis still answers, from what is scored so far
            Http.Answer meanwhile = Http.get(comprehensive);
            assertEquals(200, meanwhile.status(), meanwhile::toString);
            int pendingWhileDown = meanwhile.json().at("/basis/pendingEntries").asInt();
            System.out.printf("[figures] inference-killed: %d entries imported, %d pending while inference was down%n",
                    ENTRIES, pendingWhileDown);
        } finally {
            suite.inference.start().awaitReady(MoodLensSuite.READY_TIMEOUT);
        }
        Waits.until("every entry scored after inference returned", Duration.ofSeconds(240), () -> {
            JsonNode basis = Http.get(comprehensive).json().get("basis");
            return basis.get("pendingEntries").asInt() == 0 && basis.get("scoredEntries").asInt() == ENTRIES;
        });
        assertEquals(ENTRIES, suite.entryCount(USER));
    }
}
