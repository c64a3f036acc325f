package dev.moodlens.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of our own in a temporary directory on a free port (trust authentication for role
 * moodlens, fsync off), so that stopping it leaves the machine's own cluster alone. As root the cluster
 * runs as the postgres OS user (PostgreSQL refuses to run as root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port = FreePorts.next();
    private final boolean asPostgres;

    private PrivatePostgres(Path bin) {
        this.bin = bin;
        this.asPostgres = "root".equals(System.getProperty("user.name"));
        try {
            this.dir = Files.createTempDirectory("moodlens-system-pg-");
            if (asPostgres) {
                run(List.of("chown", "postgres", dir.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL server binaries (initdb, pg_ctl), newest version first, when installed. */
    public static Optional<Path> binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Creates and starts a cluster with an empty database "moodlens", or empty when that is impossible here. */
    public static Optional<PrivatePostgres> create() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        PrivatePostgres pg = new PrivatePostgres(bin.get());
        try {
            pg.pg(List.of(bin.get().resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "moodlens",
                    "--auth=trust", "-E", "UTF8", "--no-sync"));
            pg.start();
            pg.pg(List.of(bin.get().resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port),
                    "-U", "moodlens", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "create database moodlens"));
            return Optional.of(pg);
        } catch (RuntimeException e) {
            System.err.println("No private PostgreSQL cluster: " + e.getMessage());
            pg.close();
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/moodlens";
    }

    public int port() {
        return port;
    }

    private Path data() {
        return dir.resolve("data");
    }

    public void start() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "-t", "60", "start"));
    }

    /** A fast shutdown: connections are cut, the server stops (the fault under test). */
    public void stop() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    public boolean running() {
        return FreePorts.open(port);
    }

    /** Runs SQL as moodlens and returns psql's unaligned output. */
    public String sql(String statement) {
        return pg(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "moodlens",
                "-d", "moodlens", "-v", "ON_ERROR_STOP=1", "-tAc", statement)).trim();
    }

    private String pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return run(full);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (running()) {
                stop();
            }
        } catch (RuntimeException ignored) {
            // best effort: the directory goes anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
