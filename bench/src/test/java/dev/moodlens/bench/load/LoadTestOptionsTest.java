package dev.moodlens.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

/** The options keep the names ./moodlens load and bench/README.md pass now that picocli reads them. */
class LoadTestOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LoadTest.Options o = LoadTest.Options.parse();
        assertEquals(64, o.clients);
        assertEquals(60, o.seconds);
        assertEquals(10, o.warmup);
        assertEquals(Path.of(".run"), o.runDir);
        assertNull(o.inference);
        assertNull(o.chat);
        assertNull(o.only);
        assertFalse(o.startSuite);
    }

    @Test
    void everyOptionIsRead() {
        LoadTest.Options o = LoadTest.Options.parse("--clients", "8", "--seconds", "30", "--warmup", "0",
                "--inference", "http://a:1", "--chat", "http://b:2", "--run-dir", "r", "--only", "chat",
                "--start-suite", "true");
        assertEquals(8, o.clients);
        assertEquals(30, o.seconds);
        assertEquals(0, o.warmup);
        assertEquals("http://a:1", o.inference);
        assertEquals("http://b:2", o.chat);
        assertEquals(Path.of("r"), o.runDir);
        assertEquals("chat", o.only);
        assertTrue(o.startSuite);
    }

    @Test
    void aMisspeltOptionOrABadNumberIsRefused() {
        assertThrows(ParameterException.class, () -> LoadTest.Options.parse("--client", "8"));
        assertThrows(ParameterException.class, () -> LoadTest.Options.parse("--seconds", "long"));
    }
}
