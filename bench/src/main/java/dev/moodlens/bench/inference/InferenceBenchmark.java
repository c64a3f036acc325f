package dev.moodlens.bench.inference;

import dev.moodlens.bench.CommandOptions;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.runtime.TokenizedText;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./moodlens bench inference}: texts/s and p50/p99 latency of the sentiment model on the TweetEval
 * sentiment test texts, (1) in-process with ONNX Runtime by batch size (arrival order and sorted by
 * length) and (2) over HTTP with 1, 8 and 64 concurrent single-text clients against the service, for
 * fp32 and int8. Not a test: it measures. The last line printed is one JSON object with every figure.
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" \
 *   dev.moodlens.bench.inference.InferenceBenchmark [--texts FILE] [--limit N] [--seconds S] [--warmup S] [--threads N]
 *   [--precisions fp32,int8] [--batch-sizes 1,8,32,64] [--clients 1,8,64] [--url http://127.0.0.1:8081]
 *   [--service-jar inference-service/target/quarkus-app/quarkus-run.jar] [--service-opts "-Dkey=value ..."]
 *   [--model DIR] [--token TOKEN]
 * </pre>
 * Without {@code --url} it starts the service jar once per precision on a free port (offline, bundled
 * models, trusting a key pair made for this run) and stops it afterwards; with {@code --url} it drives that
 * running service (its precision) with the token given by {@code --token} or MOODLENS_TOKEN. Before the
 * measured levels the service is driven for {@code --warmup} seconds (default 20) at the highest client
 * count: a fresh JVM spends most of a core compiling for its first half minute (C1/C2 threads took 18% of
 * the service's CPU 20-30 s into a run), and the goal is about the steady state. It lives in the bench module,
 * apart from the service: the service is a process it starts or a URL, the in-process rows run models-runtime.
 */
public final class InferenceBenchmark {

    /** The options ({@link CommandOptions}). Number lists are comma-separated. */
    @Command(name = "InferenceBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "texts/s and p50/p99 latency of the sentiment model, in-process and over HTTP")
    static final class Options {
        @Option(names = "--texts", paramLabel = "FILE", description = "texts, one a line (default: TweetEval sentiment test)")
        Path texts;
        @Option(names = "--limit", defaultValue = "2000", description = "texts read at most")
        int limit;
        @Option(names = "--seconds", defaultValue = "20", description = "seconds per measured client count")
        double seconds;
        @Option(names = "--warmup", defaultValue = "20", description = "seconds of warm-up over HTTP")
        double warmup;
        @Option(names = "--threads", defaultValue = "0", description = "in-process ONNX Runtime intra-op threads; 0 = its default")
        int threads;
        @Option(names = "--precisions", defaultValue = "fp32,int8", split = ",")
        List<String> precisions;
        @Option(names = "--batch-sizes", defaultValue = "1,8,32,64", split = ",")
        int[] batchSizes;
        @Option(names = "--clients", defaultValue = "1,8,64", split = ",")
        int[] clients;
        @Option(names = "--url", description = "drive this running service instead of starting the jar")
        String url;
        @Option(names = "--token", description = "suite token for --url (default: MOODLENS_TOKEN)")
        String token;
        @Option(names = "--service-jar", defaultValue = "inference-service/target/quarkus-app/quarkus-run.jar")
        Path serviceJar;
        @Option(names = "--service-opts", defaultValue = "", description = "JVM options of the started service")
        String serviceOpts;
        @Option(names = "--model", paramLabel = "DIR", description = "model directory (default: the bundled sentiment model)")
        Path model;

        /** The options of {@code args}; null when the run ends here (--help, --version, or a usage error printed). */
        static Options parse(String... args) {
            return CommandOptions.parse(new Options(), args);
        }
    }

    private final Options options;
    /** The classify endpoints take a suite token: a service token signed with a key of the run's own. */
    private final BenchmarkAccess access = new BenchmarkAccess();
    private final Map<String, Object> report = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        CommandOptions.main(new Options(), args, options -> new InferenceBenchmark(options).run());
    }

    private InferenceBenchmark(Options options) {
        this.options = options;
    }

    private void run() throws Exception {
        Path textsFile = textsFile();
        List<String> texts = Files.readAllLines(textsFile, StandardCharsets.UTF_8).stream()
                .filter(t -> !t.isBlank()).limit(options.limit).toList();
        List<String> precisions = options.precisions;
        int[] batchSizes = options.batchSizes;
        int[] clients = options.clients;
        double seconds = options.seconds;
        Path model = modelDirectory();

        report.put("texts_file", textsFile.toString());
        report.put("texts", texts.size());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("load_average", loadAverage());
        System.out.printf("MoodLens inference benchmark: %d texts from %s, %d cores, load %.2f%n", texts.size(),
                textsFile, Runtime.getRuntime().availableProcessors(), loadAverage());

        Map<String, Object> inProcess = new LinkedHashMap<>();
        Map<String, Object> http = new LinkedHashMap<>();
        for (String p : precisions) {
            Precision precision = Precision.valueOf(p.trim().toUpperCase(Locale.ROOT));
            inProcess.put(p, inProcess(model, precision, texts, batchSizes));
        }
        for (String p : precisions) {
            http.put(p, overHttp(p.trim(), texts, clients, seconds));
        }
        report.put("in_process", inProcess);
        report.put("http", http);
        report.put("goal", goal(inProcess, http));
        System.out.println(json(report));
    }

    // ---- in-process ----------------------------------------------------------------------------

    private Map<String, Object> inProcess(Path model, Precision precision, List<String> texts, int[] batchSizes) {
        Map<String, Object> out = new LinkedHashMap<>();
        // --threads: ONNX Runtime intra-op threads in-process; 0 = its default (one thread on this 2-vCPU VM, as
        // the cpu column shows), 2 = both cores, the strictest baseline for the goal on 2 cores
        int threads = options.threads;
        try (SequenceClassifier classifier = SequenceClassifier.open(ModelDirectory.open(model), precision, threads)) {
            List<TokenizedText> tokens = texts.stream().map(classifier::tokenize).toList();
            List<TokenizedText> sorted = tokens.stream().sorted(Comparator.comparingInt(TokenizedText::length)).toList();
            classifier.predict(tokens.subList(0, Math.min(64, tokens.size()))); // warm up
            System.out.printf("%nin-process %s (tokens/text mean %.1f)%n%-8s %-10s %12s %12s %12s %10s%n", precision,
                    tokens.stream().mapToInt(TokenizedText::length).average().orElse(0), "batch", "order",
                    "texts/s", "p50 ms", "p99 ms", "cpu");
            for (int size : batchSizes) {
                for (String order : List.of("arrival", "sorted")) {
                    if (size == 1 && order.equals("sorted")) {
                        continue;
                    }
                    List<TokenizedText> input = order.equals("sorted") ? sorted : tokens;
                    List<Double> latencies = new ArrayList<>();
                    long cpu = processCpuNanos();
                    long start = System.nanoTime();
                    for (int from = 0; from < input.size(); from += size) {
                        long t = System.nanoTime();
                        classifier.predict(input.subList(from, Math.min(input.size(), from + size)));
                        latencies.add((System.nanoTime() - t) / 1e6);
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    Map<String, Object> row = row(input.size() / elapsed, latencies);
                    row.put("cpu_cores", round((processCpuNanos() - cpu) / 1e9 / elapsed));
                    out.put("batch_" + size + "_" + order, row);
                    System.out.printf("%-8d %-10s %12.1f %12.2f %12.2f %10s%n", size, order, row.get("texts_per_s"),
                            row.get("p50_ms"), row.get("p99_ms"), row.get("cpu_cores"));
                }
            }
        }
        return out;
    }

    // ---- over HTTP -----------------------------------------------------------------------------

    private Map<String, Object> overHttp(String precision, List<String> texts, int[] clientCounts, double seconds)
            throws Exception {
        String url = options.url;
        Process service = null;
        if (url == null) {
            int port = freePort();
            service = startService(precision, port);
            url = "http://127.0.0.1:" + port;
            awaitReady(url, service);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        // One event-loop thread drives every client: the load generator shares the service's cores, so it
        // must cost as little CPU as possible (a thread per client with a blocking client cost ~0.6 core).
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            URI endpoint = URI.create(url + "/v1/sentiment");
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(Arrays.stream(clientCounts).max().orElse(1)));
            Optional<ProcessHandle> server = service == null ? Optional.empty() : Optional.of(service.toHandle());
            int most = Arrays.stream(clientCounts).max().orElse(1);
            drive(http, endpoint, texts, most, options.warmup, server); // JIT, batcher
            System.out.printf("%nover HTTP %s (%s, one text per request)%n%-8s %12s %12s %12s %10s %12s %12s%n", precision,
                    url, "clients", "texts/s", "p50 ms", "p99 ms", "errors", "client cpu", "server cpu");
            for (int clients : clientCounts) {
                Map<String, Object> row = drive(http, endpoint, texts, clients, seconds, server);
                out.put("clients_" + clients, row);
                System.out.printf("%-8d %12.1f %12.2f %12.2f %10s %12s %12s%n", clients, row.get("texts_per_s"),
                        row.get("p50_ms"), row.get("p99_ms"), row.get("errors"), row.get("client_cpu_cores"),
                        row.getOrDefault("server_cpu_cores", "?"));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
        }
        return out;
    }

    /**
     * {@code clients} concurrent clients, each with one request in flight: a client sends its next text as
     * soon as the answer to the previous one is in. Reports the CPU (in cores) used by this process (the
     * load generator) and, when the benchmark started it, by the service.
     */
    private Map<String, Object> drive(HttpClient http, URI endpoint, List<String> texts, int clients, double seconds,
                                      Optional<ProcessHandle> server) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(clients);
        long clientCpu = processCpuNanos();
        long serverCpu = server.map(InferenceBenchmark::cpuNanos).orElse(0L);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost(endpoint.getHost())
                .setPort(endpoint.getPort()).setURI(endpoint.getPath()).setTimeout(30_000)
                .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token());
        for (int c = 0; c < clients; c++) {
            new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= deadline) {
                        finished.countDown();
                        return;
                    }
                    String text = texts.get(Math.floorMod(next.getAndIncrement(), texts.size()));
                    long t = System.nanoTime();
                    http.request(target)
                            .compose(request -> request.send("{\"text\":" + quote(text) + "}"))
                            .compose(response -> response.body().map(body -> response.statusCode()))
                            .onComplete(result -> {
                                if (result.succeeded() && result.result() == 200) {
                                    latencies.add((System.nanoTime() - t) / 1e6);
                                    done.incrementAndGet();
                                } else {
                                    errors.incrementAndGet();
                                }
                                run();
                            });
                }
            }.run();
        }
        finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> row = row(done.get() / elapsed, new ArrayList<>(latencies));
        row.put("requests", done.get());
        row.put("errors", errors.get());
        row.put("client_cpu_cores", round((processCpuNanos() - clientCpu) / 1e9 / elapsed));
        server.ifPresent(s -> row.put("server_cpu_cores", round((cpuNanos(s) - serverCpu) / 1e9 / elapsed)));
        return row;
    }

    private Process startService(String precision, int port) throws IOException {
        Path jar = options.serviceJar;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar + "; build it (mvn -pl inference-service -am "
                    + "package -DskipTests) or pass --url of a running service");
        }
        String djlCache = System.getProperty("DJL_CACHE_DIR", Path.of(".cache/djl").toAbsolutePath().toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + djlCache,
                "-Dquarkus.http.port=" + port, "-Dmoodlens.inference.precision=" + precision,
                "-Dmoodlens.inference.hub.offline=true", "-Dquarkus.log.level=WARN",
                "-Dmoodlens.access.trusted-issuers." + BenchmarkAccess.ISSUER + "=" + access.publicKeyFile()));
        // --service-opts "-Dmoodlens.inference.batch.workers=2 ...": settings to compare, passed to the service JVM
        command.addAll(Arrays.stream(options.serviceOpts.split("\\s+")).filter(o -> !o.isBlank()).toList());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(System.getProperty("java.io.tmpdir"),
                        "moodlens-bench-service.log").toFile()));
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("DJL_CACHE_DIR", djlCache);
        builder.environment().put("HF_HUB_OFFLINE", "1");
        System.out.printf("%nstarting the service (%s) on port %d%n", precision, port);
        return builder.start();
    }

    private static void awaitReady(String url, Process service) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue()
                        + "; see " + System.getProperty("java.io.tmpdir") + "/moodlens-bench-service.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready within 3 minutes");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Map<String, Object> goal(Map<String, Object> inProcess, Map<String, Object> http) {
        Map<String, Object> goal = new LinkedHashMap<>();
        for (String precision : http.keySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> raw = (Map<String, Map<String, Object>>) inProcess.get(precision);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> served = (Map<String, Map<String, Object>>) http.get(precision);
            if (raw == null || served == null || !served.containsKey("clients_64")) {
                continue;
            }
            Map<String, Object> bestRow = raw.values().stream()
                    .max(Comparator.comparingDouble(r -> (Double) r.get("texts_per_s"))).orElseThrow();
            Map<String, Object> at64 = served.get("clients_64");
            double best = (Double) bestRow.get("texts_per_s");
            goal.put(precision + "_http64_over_best_in_process", round((Double) at64.get("texts_per_s") / best));
            // the same ratio per CPU second the service itself used (the load generator shares the cores)
            if (at64.get("server_cpu_cores") instanceof Double serverCpu && serverCpu > 0) {
                double perCpu = (Double) at64.get("texts_per_s") / serverCpu;
                goal.put(precision + "_http64_per_server_cpu_over_best_in_process_per_cpu",
                        round(perCpu / (best / (Double) bestRow.get("cpu_cores"))));
            }
        }
        return goal;
    }

    private static Map<String, Object> row(double rate, List<Double> latencies) {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("texts_per_s", round(rate));
        row.put("p50_ms", round(percentile(sorted, 0.50)));
        row.put("p99_ms", round(percentile(sorted, 0.99)));
        return row;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Path textsFile() {
        if (options.texts != null) {
            return options.texts;
        }
        for (String candidate : List.of("../shared/datasets/tweeteval/sentiment/test_text.txt",
                "shared/datasets/tweeteval/sentiment/test_text.txt", "../../shared/datasets/tweeteval/sentiment/test_text.txt")) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("TweetEval sentiment test texts not found; pass --texts FILE");
    }

    /** The bundled sentiment model: the directory given, else copied out of the models-bundled jar. */
    private Path modelDirectory() throws IOException {
        if (options.model != null) {
            return options.model;
        }
        Path dir = Files.createTempDirectory("moodlens-bench-model-");
        for (String file : ModelLayout.FILES) {
            try (InputStream in = SequenceClassifier.class.getClassLoader()
                    .getResourceAsStream(ModelLayout.bundledResource(Task.SENTIMENT.modelName()) + file)) {
                if (in != null) {
                    Files.createDirectories(dir.resolve(file).getParent());
                    Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private String token() {
        if (options.url == null) {
            return access.serviceToken();
        }
        String token = options.token != null ? options.token : System.getenv("MOODLENS_TOKEN");
        if (token == null) {
            throw new IllegalStateException("--url needs a suite token: --token TOKEN or MOODLENS_TOKEN");
        }
        return token;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @SuppressWarnings("unchecked")
    static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            map.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(quote(k.toString())).append(':').append(json(v)));
            return b.append('}').toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? n.toString() : "null";
        }
        return value == null ? "null" : quote(value.toString());
    }
}
