package dev.moodlens.models.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Expensive work done once per cache entry across threads and processes (a background {@code up} and an
 * {@code eval --tuned}, two replicas on one volume): the work runs under an exclusive lock on
 * {@code <cache>/.locks/<entry>.lock}; whoever comes second waits for the lock and then finds the entry done.
 * Java file locks belong to the process, so threads of one process also queue on an in-process lock.
 */
final class SingleFlight {

    /** Work that produces a cache entry. */
    interface Work {
        void run() throws IOException;
    }

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private SingleFlight() {
    }

    /**
     * Runs {@code work} unless {@code complete} already exists, at most once at a time for {@code lockFile}.
     *
     * @return true when this call did the work, false when the entry was (or became) complete meanwhile
     */
    static boolean once(Path lockFile, Path complete, String what, PrintStream log, Work work) throws IOException {
        if (Files.isRegularFile(complete)) {
            return false;
        }
        Files.createDirectories(lockFile.getParent());
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                log.printf("%s: another process is building it; waiting%n", what);
                lock = channel.lock();
            }
            try {
                if (Files.isRegularFile(complete)) {
                    log.printf("%s: built by another process meanwhile%n", what);
                    return false;
                }
                work.run();
                return true;
            } finally {
                lock.release();
            }
        } finally {
            local.unlock();
        }
    }
}
