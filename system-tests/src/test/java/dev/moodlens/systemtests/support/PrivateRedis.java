package dev.moodlens.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A redis-server of our own on a free port (no persistence), so that killing it hurts nobody else on
 * the machine. Killed with SIGKILL, started again on the same port.
 */
public final class PrivateRedis implements AutoCloseable {

    private final int port = FreePorts.next();
    private Process process;

    public static boolean available() {
        try {
            return new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized PrivateRedis start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(ServiceProcess.logs().resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Waits.until("redis on " + port, Duration.ofSeconds(20), () -> FreePorts.open(port));
        return this;
    }

    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }
}
