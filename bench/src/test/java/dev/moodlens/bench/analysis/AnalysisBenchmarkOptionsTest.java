package dev.moodlens.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

/** The options keep the names the launcher and docs pass (./moodlens bench analysis) now that picocli reads them. */
class AnalysisBenchmarkOptionsTest {

    @Test
    void theLaunchersUrlAndTheUsersOptionsAreRead() {
        AnalysisBenchmark.Options o = AnalysisBenchmark.Options.parse("--url", "http://127.0.0.1:8082",
                "--entries", "2000", "--warm-runs", "3", "--user", "bench-a", "--seed", "7",
                "--inference-url", "http://127.0.0.1:9081", "--url=http://127.0.0.1:9082");
        assertEquals("http://127.0.0.1:9082", o.url); // the user's own --url after the launcher's
        assertEquals(2000, o.entries);
        assertEquals(3, o.warmRuns);
        assertEquals("bench-a", o.user);
        assertEquals(7L, o.seed);
        assertEquals("http://127.0.0.1:9081", o.inferenceUrl);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        AnalysisBenchmark.Options o = AnalysisBenchmark.Options.parse();
        assertEquals(10000, o.entries);
        assertEquals(5, o.warmRuns);
        assertNull(o.user);
        assertNull(o.seed);
    }

    @Test
    void aMisspeltOptionIsRefusedAndHelpEndsTheRun() {
        assertThrows(ParameterException.class, () -> AnalysisBenchmark.Options.parse("--entry", "5"));
        assertNull(AnalysisBenchmark.Options.parse("--help"));
    }
}
