package dev.moodlens.models.tune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review finding 19: `./moodlens eval --tuned` started a second fine-tuning of a model that `up`'s background
 * training was already training. Expensive work is single-flight across processes: the second one waits and
 * reuses the first one's result.
 */
class SingleFlightTest {

    /** The other process: takes the entry, holds it a while, then completes it. */
    public static final class OtherProcess {
        public static void main(String[] args) throws Exception {
            Path lock = Path.of(args[0]);
            Path complete = Path.of(args[1]);
            SingleFlight.once(lock, complete, "other", System.out, () -> {
                System.out.println("building");
                System.out.flush();
                sleep(3000);
                Files.writeString(complete, "done by the other process");
            });
        }
    }

    @Test
    void finding19_aSecondProcessWaitsForTheTrainingInFlightAndReusesIt(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve(".locks/model.lock");
        Path complete = dir.resolve("model/.complete");
        Files.createDirectories(complete.getParent());
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(), lock.toString(), complete.toString())
                .redirectErrorStream(true).start();
        // wait until the other process holds the entry
        String first = new String(other.getInputStream().readNBytes("building".length()));
        assertEquals("building", first);
        AtomicInteger ranHere = new AtomicInteger();
        boolean didWork = SingleFlight.once(lock, complete, "here", new PrintStream(PrintStream.nullOutputStream()),
                ranHere::incrementAndGet);
        assertFalse(didWork, "the entry was built by the other process");
        assertEquals(0, ranHere.get(), "never trained twice");
        assertEquals("done by the other process", Files.readString(complete));
        assertTrue(other.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void threadsOfOneProcessQueueToo(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve(".locks/model.lock");
        Path complete = dir.resolve(".complete");
        AtomicInteger runs = new AtomicInteger();
        SingleFlight.Work work = () -> {
            runs.incrementAndGet();
            sleep(300);
            Files.writeString(complete, "x");
        };
        Thread a = new Thread(() -> run(lock, complete, work));
        Thread b = new Thread(() -> run(lock, complete, work));
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(1, runs.get());
    }

    private static void run(Path lock, Path complete, SingleFlight.Work work) {
        try {
            SingleFlight.once(lock, complete, "t", new PrintStream(PrintStream.nullOutputStream()), work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
