package dev.moodlens.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service jar run as a child process on its own port, with its output in target/system-logs. It
 * can be stopped, killed (SIGKILL, the fault) and started again on the same port and configuration.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String service;
    private final int port;
    private final String heap;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Path log;
    private boolean quick = true;
    private Process process;

    public ServiceProcess(String service, String label, String heap) {
        this.service = service;
        this.port = FreePorts.next();
        this.heap = heap;
        this.log = logs().resolve(label + ".log");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("ai.djl.offline", "true");
        environment.put("DJL_OFFLINE", "true");
        environment.put("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR",
                ServiceApps.root().resolve(".cache/djl").toString()));
        environment.put("HF_HUB_OFFLINE", "1");
        // The run's own key pairs: each service trusts the public keys of its callers and signs with its own key.
        properties.putAll(SuiteKeys.get().serviceProperties(service));
        // The fault and load tests drive thousands of requests per user: the limit is tested in inference-service.
        properties.put("moodlens.access.rate-limit.requests-per-minute", "0");
        try {
            Path hfHome = Files.createTempDirectory("moodlens-system-hf-");
            hfHome.toFile().deleteOnExit(); // stays empty: the Hub is offline or answers errors
            environment.put("HF_HOME", hfHome.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path logs() {
        Path dir = Path.of(System.getProperty("moodlens.system.logs", ServiceApps.target().resolve("system-logs").toString()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public ServiceProcess property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Quick start (serial GC, C1 only) for the tests; false runs the JVM as the launcher does. */
    public ServiceProcess quick(boolean quick) {
        this.quick = quick;
        return this;
    }

    public ServiceProcess env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        if (quick) {
            // two shared cores: less JIT and GC work while the tests start and stop services
            command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(ServiceApps.runJar(service).toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.directory(ServiceApps.target().toFile());
        builder.environment().putAll(environment);
        try {
            Files.writeString(log, "==== start " + String.join(" ", command) + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + service, e);
        }
        return this;
    }

    /** Waits until /q/health/ready answers 200; fails early with the log tail when the process exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            try {
                if (Http.get(url() + "/q/health/ready").status() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " not ready after " + timeout.toSeconds() + " s:\n" + logTail(60));
            }
            Waits.sleep(Duration.ofMillis(300));
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no graceful drain (the fault under test). */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(20));
        }
    }

    /** SIGTERM, then SIGKILL if it is still running after 20 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident memory of the process in KiB (Linux /proc), or -1. */
    public long rssKib() {
        return Rss.ofPid(pid());
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
