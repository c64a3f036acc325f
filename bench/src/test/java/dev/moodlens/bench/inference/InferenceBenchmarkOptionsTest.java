package dev.moodlens.bench.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

/** The benchmark's options keep their names and defaults (README "Benchmark") now that picocli reads them. */
class InferenceBenchmarkOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        InferenceBenchmark.Options o = InferenceBenchmark.Options.parse();
        assertNull(o.texts);
        assertEquals(2000, o.limit);
        assertEquals(20.0, o.seconds);
        assertEquals(20.0, o.warmup);
        assertEquals(0, o.threads);
        assertEquals(List.of("fp32", "int8"), o.precisions);
        assertArrayEquals(new int[] {1, 8, 32, 64}, o.batchSizes);
        assertArrayEquals(new int[] {1, 8, 64}, o.clients);
        assertNull(o.url);
        assertNull(o.token);
        assertEquals(Path.of("inference-service/target/quarkus-app/quarkus-run.jar"), o.serviceJar);
        assertEquals("", o.serviceOpts);
        assertNull(o.model);
    }

    @Test
    void everyOptionIsRead() {
        InferenceBenchmark.Options o = InferenceBenchmark.Options.parse("--texts", "t.txt", "--limit", "50",
                "--seconds", "2.5", "--warmup", "0", "--threads", "2", "--precisions", "int8", "--batch-sizes", "1,64",
                "--clients", "4", "--url", "http://127.0.0.1:8081", "--token", "abc", "--service-jar", "x.jar",
                "--service-opts", "-Dmoodlens.inference.batch.workers=2 -Xmx1g", "--model", "m");
        assertEquals(Path.of("t.txt"), o.texts);
        assertEquals(50, o.limit);
        assertEquals(2.5, o.seconds);
        assertEquals(0.0, o.warmup);
        assertEquals(2, o.threads);
        assertEquals(List.of("int8"), o.precisions);
        assertArrayEquals(new int[] {1, 64}, o.batchSizes);
        assertArrayEquals(new int[] {4}, o.clients);
        assertEquals("http://127.0.0.1:8081", o.url);
        assertEquals("abc", o.token);
        assertEquals(Path.of("x.jar"), o.serviceJar);
        assertEquals("-Dmoodlens.inference.batch.workers=2 -Xmx1g", o.serviceOpts);
        assertEquals(Path.of("m"), o.model);
    }

    @Test
    void aMisspeltOptionOrABadNumberIsRefusedInsteadOfIgnored() {
        assertThrows(ParameterException.class, () -> InferenceBenchmark.Options.parse("--second", "5"));
        assertThrows(ParameterException.class, () -> InferenceBenchmark.Options.parse("--limit", "many"));
    }

    @Test
    void helpEndsTheRun() {
        assertNull(InferenceBenchmark.Options.parse("--help"));
    }
}
