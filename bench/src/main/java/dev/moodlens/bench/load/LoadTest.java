package dev.moodlens.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.bench.CommandOptions;
import dev.moodlens.systemtests.support.MoodLensSuite;
import dev.moodlens.systemtests.support.Rss;
import dev.moodlens.systemtests.support.SuiteKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load test against a running suite (./moodlens up): N concurrent clients for a fixed time on the inference
 * service (POST /v1/sentiment, or --inference-path) and then on the chat endpoint (POST /v1/chat). Reports requests, statuses,
 * 5xx other than deliberate 503s, 503s with Retry-After (shed load), p50/p90/p99/max latency, the services'
 * RSS before and after, and whether the service answers at once when the load is gone. The last line of the
 * output is one JSON object with every figure.
 *
 * <pre>
 * ./moodlens load --clients 64 --seconds 60
 * java -Dmoodlens.root=. -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" dev.moodlens.bench.load.LoadTest ...
 * </pre>
 * Options: {@link Options} (--help).
 * It lives in the bench module, not with the system tests it borrows the suite harness from (system-tests' test-jar:
 * {@code SuiteKeys}, {@code MoodLensSuite} for {@code --start-suite}, {@code Rss}).
 */
public final class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEXTS = {
            "I had a wonderful morning, the sun was out and I went for a run.",
            "Work is piling up and I feel overwhelmed, I can't sleep.",
            "Dinner with old friends tonight, so much laughter.",
            "I am worried about my mother's health; the doctor called again.",
            "Nothing special happened today, just a quiet day at home.",
            "My partner surprised me with flowers, I feel loved.",
            "Missed the train, spilled coffee, argued with my boss. Great.",
            "Finally finished the project I've been working on for months!"};

    /** The options ({@link CommandOptions}). */
    @Command(name = "LoadTest", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "concurrent clients on /v1/sentiment, then /v1/chat, of the running suite")
    static final class Options {
        @Option(names = "--clients", defaultValue = "64", description = "concurrent clients")
        int clients;
        @Option(names = "--seconds", defaultValue = "60", description = "measured seconds per endpoint")
        int seconds;
        @Option(names = "--warmup", defaultValue = "10", description = "seconds of load first, not counted")
        int warmup;
        @Option(names = "--inference", description = "the inference service (default: 127.0.0.1, MOODLENS_INFERENCE_PORT or 8081)")
        String inference;
        @Option(names = "--chat", description = "the chat service (default: 127.0.0.1, MOODLENS_CHAT_PORT or 8080)")
        String chat;
        @Option(names = "--run-dir", defaultValue = ".run", paramLabel = "DIR", description = "the services' pid files (else ../.run)")
        Path runDir;
        @Option(names = "--inference-path", defaultValue = "/v1/sentiment", paramLabel = "PATH",
                description = "/v1/sentiment, /v1/emotion or /v1/classify, one text per request (default: ${DEFAULT-VALUE})")
        String inferencePath;
        @Option(names = "--only", paramLabel = "inference|chat", description = "one endpoint only")
        String only;
        @Option(names = "--start-suite", arity = "1", defaultValue = "false",
                description = "start the three jars with a private PostgreSQL and Redis instead")
        boolean startSuite;

        /** The options of {@code args}; null when the run ends here (--help, --version). */
        static Options parse(String... args) {
            return CommandOptions.parse(new Options(), args);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandOptions.main(new Options(), args, LoadTest::run);
    }

    private static void run(Options options) throws Exception {
        int clients = options.clients;
        int seconds = options.seconds;
        int warmup = options.warmup;
        Path runDir = options.runDir;
        if (!Files.isDirectory(runDir) && Files.isDirectory(Path.of("../.run"))) {
            runDir = Path.of("../.run");
        }
        String inference = options.inference != null ? options.inference
                : "http://127.0.0.1:" + env("MOODLENS_INFERENCE_PORT", "8081");
        String chat = options.chat != null ? options.chat : "http://127.0.0.1:" + env("MOODLENS_CHAT_PORT", "8080");
        String only = options.only;
        // The three take the same one-text body; /v1/classify runs both models (what analysis and chat call).
        String inferencePath = options.inferencePath;
        long inferencePid = pid(runDir, "inference");
        long chatPid = pid(runDir, "chat");
        SuiteKeys keys;
        if (options.startSuite) {
            // no running suite needed: the three jars on free ports with a private PostgreSQL and Redis
            System.err.println("Starting a private suite (PostgreSQL, Redis, three services) ...");
            keys = SuiteKeys.get();
            MoodLensSuite suite = MoodLensSuite.startForLoad();
            inference = suite.inference.url();
            chat = suite.chat.url();
            inferencePid = suite.inference.pid();
            chatPid = suite.chat.pid();
        } else {
            keys = SuiteKeys.running(); // the launcher's key, to sign tokens the running suite trusts
        }
        // Inference is called as the services call it (service token); each chat client is its own user.
        AUTH.put("inference", client -> keys.service());
        AUTH.put("chat", client -> keys.user("load-" + client));

        WARMUP.set(warmup);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("clients", clients);
        report.put("seconds", seconds);
        report.put("warmupSeconds", warmup);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        if (only == null || only.equals("inference")) {
            report.put("inference", phase("inference", inference + inferencePath, clients, seconds, inferencePid,
                    (client, n) -> "{\"text\":" + JSON.writeValueAsString(TEXTS[(client + n) % TEXTS.length]) + "}"));
        }
        if (only == null || only.equals("chat")) {
            String[] conversations = new String[clients];
            report.put("chat", phase("chat", chat + "/v1/chat", clients, seconds, chatPid, (client, n) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("user", "load-" + client);
                body.put("message", TEXTS[(client + n) % TEXTS.length]);
                if (conversations[client] != null && n % 20 != 0) {
                    body.put("conversationId", conversations[client]);
                }
                return JSON.writeValueAsString(body);
            }, (client, response) -> {
                try {
                    JsonNode reply = JSON.readTree(response);
                    if (reply.hasNonNull("conversationId")) {
                        conversations[client] = reply.get("conversationId").asText();
                    }
                } catch (IOException ignored) {
                    // statuses are what counts
                }
            }));
        }
        System.out.println(JSON.writeValueAsString(report));
    }

    interface Body {
        String make(int client, int n) throws IOException;
    }

    interface Sink {
        void accept(int client, String body);
    }

    private static Map<String, Object> phase(String name, String url, int clients, int seconds, long pid, Body body)
            throws InterruptedException {
        return phase(name, url, clients, seconds, pid, body, (c, r) -> { });
    }

    private static Map<String, Object> phase(String name, String url, int clients, int seconds, long pid, Body body, Sink sink)
            throws InterruptedException {
        if (WARMUP.get() > 0) {
            // JIT and connection pools warm, not counted
            int warmup = WARMUP.getAndSet(0);
            run(name + " warm-up", url, clients, warmup, pid, body, sink);
            WARMUP.set(warmup);
        }
        return run(name, url, clients, seconds, pid, body, sink);
    }

    private static final java.util.concurrent.atomic.AtomicInteger WARMUP = new java.util.concurrent.atomic.AtomicInteger();
    private static final Map<String, java.util.function.IntFunction<String>> AUTH = new ConcurrentHashMap<>();

    private static Map<String, Object> run(String name, String url, int clients, int seconds, long pid, Body body, Sink sink)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long rssBefore = pid > 0 ? Rss.ofPid(pid) : -1;
        java.util.function.IntFunction<String> auth = AUTH.getOrDefault(name.replace(" warm-up", ""), client -> null);
        System.err.printf("%s: %d clients for %d s on %s (pid %d, RSS %d KiB)%n", name, clients, seconds, url, pid, rssBefore);
        Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder shedWithRetryAfter = new LongAdder();
        long[][] samples = new long[clients][];
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int size = 0;
                try {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        long start = System.nanoTime();
                        String status;
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + auth.apply(client))
                                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.make(client, n))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            status = Integer.toString(response.statusCode());
                            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                                shedWithRetryAfter.increment();
                            }
                            if (response.statusCode() == 200) {
                                sink.accept(client, response.body());
                            }
                        } catch (IOException e) {
                            status = "io:" + e.getClass().getSimpleName();
                        }
                        if (size == mine.length) {
                            mine = Arrays.copyOf(mine, size * 2);
                        }
                        mine[size++] = System.nanoTime() - start;
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    samples[client] = Arrays.copyOf(mine, size);
                    done.countDown();
                }
            }, "load-" + name + "-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        long total = 0;
        for (long[] s : samples) {
            total += s.length;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        Arrays.sort(all);

        // recovery: with the load gone, the next request is served at once
        long recoveryStart = System.nanoTime();
        int recoveryStatus;
        try {
            recoveryStatus = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + auth.apply(0))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.make(0, 1))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            recoveryStatus = -1;
        }
        long recoveryMillis = (System.nanoTime() - recoveryStart) / 1_000_000;
        System.gc();
        long rssAfter = pid > 0 ? Rss.ofPid(pid) : -1;

        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        long serverErrors = byStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503") || e.getKey().startsWith("io:"))
                .mapToLong(Map.Entry::getValue).sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", url);
        result.put("requests", total);
        result.put("requestsPerSecond", Math.round(total * 10.0 / seconds) / 10.0);
        result.put("statuses", byStatus);
        result.put("errors5xxExcept503", serverErrors);
        result.put("shed503WithRetryAfter", shedWithRetryAfter.sum());
        result.put("p50Ms", percentile(all, 0.50));
        result.put("p90Ms", percentile(all, 0.90));
        result.put("p99Ms", percentile(all, 0.99));
        result.put("maxMs", all.length == 0 ? 0 : all[all.length - 1] / 1_000_000.0);
        result.put("pid", pid);
        result.put("rssBeforeKiB", rssBefore);
        result.put("rssAfterKiB", rssAfter);
        result.put("recoveryStatus", recoveryStatus);
        result.put("recoveryMs", recoveryMillis);
        System.err.printf("%s: %s%n", name, result);
        return result;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, index)] / 10_000.0) / 100.0;
    }

    private static long pid(Path runDir, String service) {
        try {
            return Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
