package dev.moodlens.bench.analysis;

import dev.moodlens.bench.CommandOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./moodlens bench analysis}: imports generated entries for a fresh user into the running
 * analysis service (which scores them with the running inference service) and times each analysis
 * cold (nothing cached; the first one includes scoring every entry) and warm (cached), with the JDK's HTTP client:
 * {@code java -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" dev.moodlens.bench.analysis.AnalysisBenchmark}.
 * Options: {@link Options} (--help). Besides wall times it reports the load average and the CPU
 * seconds both services spent from the import to the end of the cold comprehensive analysis (their
 * {@code process_cpu_time_ns_total} metric): on a shared machine that is the figure that does not depend on
 * what else runs; and how many busy answers (queue full) the scoring met. Every request carries
 * {@code $MOODLENS_TOKEN} as a bearer token when it is set (the launcher sets a service token). The last line of output is one JSON object.
 */
public final class AnalysisBenchmark {

    private static final String TOKEN = System.getenv().getOrDefault("MOODLENS_TOKEN", "");
    private static final String[] KINDS = {"analysis/comprehensive", "analysis/personality", "analysis/predictive", "context"};

    private static final String[] OPENERS = {"Woke up early and", "Slept badly, then", "After work I", "This morning I",
            "Late tonight I", "Over lunch I", "On the train home I", "Before dinner I", "Around noon I", "In the evening I"};
    private static final String[] ACTIVITIES = {"went for a run by the river", "called my sister", "cleaned the whole kitchen",
            "finished the report for %s", "had coffee with %s", "read three chapters of a novel", "walked the dog in the rain",
            "cooked a curry from scratch", "fixed the bike chain", "sat in the park doing nothing", "argued with %s about money",
            "spent two hours on emails", "went to the gym", "visited my parents", "worked on the garden",
            "watched a film with %s", "studied Spanish vocabulary", "played football with friends", "painted for an hour",
            "went to the doctor about my back", "met %s for dinner", "tidied my desk and planned the week"};
    private static final String[] FEELINGS = {"I feel calm and grateful tonight.", "Honestly I am exhausted and a bit low.",
            "It made me really happy.", "I keep worrying about the deadline.", "I felt lonely afterwards.",
            "I am proud of myself for sticking with it.", "I was so angry I could not sleep.", "It was a quiet, ordinary day.",
            "I laughed more than I have in weeks.", "Anxious about tomorrow, my chest feels tight.",
            "Surprised how much better I feel after talking.", "Sad that things changed so fast.",
            "Content. Nothing special, and that is fine.", "I love how the light looked on the water.",
            "Stressed and overwhelmed by everything on my list.", "Hopeful for the first time in a while.",
            "Frustrated with myself for procrastinating again.", "Tired but satisfied."};
    private static final String[] DETAILS = {"The weather was %s.", "%s sent me a long message.", "Work was %s today.",
            "I spent %d minutes just breathing.", "We talked about %s for ages.", "Dinner was %s.",
            "The train was %d minutes late.", "I wrote %d pages in my notebook.", "My step count was %d.",
            "I keep thinking about %s."};
    private static final String[] NAMES = {"Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jon",
            "Kemal", "Lea", "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq"};
    private static final String[] WORDS = {"grey and cold", "bright", "chaotic", "slow", "the move", "the new job",
            "our holiday plans", "lentil soup", "burnt", "her wedding", "his promotion", "the old flat", "brilliant",
            "the future", "money", "my health", "the garden", "a podcast about space"};

    /** The options ({@link CommandOptions}). */
    @Command(name = "AnalysisBenchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "import, scoring and analysis times of the running analysis service")
    static final class Options {
        @Option(names = "--url", defaultValue = "${env:MOODLENS_ANALYSIS_URL:-http://127.0.0.1:8082}",
                description = "the analysis service")
        String url;
        @Option(names = "--entries", defaultValue = "10000", description = "entries imported")
        int entries;
        @Option(names = "--warm-runs", defaultValue = "5", description = "timed runs of each analysis once cached")
        int warmRuns;
        @Option(names = "--user", description = "the journal's user (default: bench-<time>)")
        String user;
        @Option(names = "--seed", description = "seed of the generated entries (default: the clock)")
        Long seed;
        @Option(names = "--inference-url", defaultValue = "${env:MOODLENS_INFERENCE_URL:-http://127.0.0.1:8081}",
                description = "the inference service, only read for its CPU time")
        String inferenceUrl;

        /** The options of {@code args}; null when the run ends here (--help, --version). */
        static Options parse(String... args) {
            return CommandOptions.parse(new Options(), args);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandOptions.main(new Options(), args, AnalysisBenchmark::run);
    }

    private static void run(Options options) throws Exception {
        if (options.entries < 1) {
            throw new IllegalArgumentException("--entries must be positive");
        }
        String url = options.url;
        int entries = options.entries;
        int warmRuns = options.warmRuns;
        long seed = options.seed != null ? options.seed : System.nanoTime();
        String user = options.user != null ? options.user : "bench-" + System.currentTimeMillis();
        String inferenceUrl = options.inferenceUrl;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        System.out.printf("Generating %d entries for user %s (seed %d)%n", entries, user, seed);
        String body = generate(entries, new Random(seed));
        String loadBefore = loadAverage();
        double analysisCpu0 = cpuSeconds(http, url);
        double inferenceCpu0 = cpuSeconds(http, inferenceUrl);
        double busy0 = metric(http, url, BUSY_ANSWERS, 0);
        long t0 = System.nanoTime();
        HttpResponse<String> imported = http.send(authorized(URI.create(url + "/v1/users/" + user + "/entries/import"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        double importMs = ms(t0);
        if (imported.statusCode() != 201) {
            throw new IllegalStateException("import failed: " + imported.statusCode() + " " + imported.body());
        }
        System.out.printf("Imported %d entries in %.0f ms (%d bytes)%n", entries, importMs, body.length());

        Map<String, Double> cold = new LinkedHashMap<>();
        Map<String, Double> warm = new LinkedHashMap<>();
        Map<String, Double> warmMax = new LinkedHashMap<>();
        Map<String, Double> coldCpu = new LinkedHashMap<>();
        int pending = -1;
        double busy = Double.NaN;
        for (String kind : KINDS) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(http, url, user, kind);
            cold.put(name(kind), ms(start));
            if (kind.endsWith("comprehensive")) {
                pending = intField(response.body(), "pendingEntries");
                coldCpu.put("analysis", cpuSeconds(http, url) - analysisCpu0);
                coldCpu.put("inference", cpuSeconds(http, inferenceUrl) - inferenceCpu0);
                busy = metric(http, url, BUSY_ANSWERS, 0) - busy0;
                System.out.printf("load average before: %s, after: %s; CPU seconds from the import to here: analysis %.1f, "
                        + "inference %.1f; busy answers from inference %.0f%n", loadBefore, loadAverage(),
                        coldCpu.get("analysis"), coldCpu.get("inference"), busy);
            }
            System.out.printf("cold %-14s %9.1f ms  (X-Cache: %s)%s%n", name(kind), cold.get(name(kind)),
                    response.headers().firstValue("X-Cache").orElse("?"),
                    kind.endsWith("comprehensive") ? "  includes scoring; pending after: " + pending : "");
        }
        for (String kind : KINDS) {
            double[] times = new double[warmRuns];
            for (int i = 0; i < warmRuns; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(http, url, user, kind);
                times[i] = ms(start);
                if (!"hit".equals(response.headers().firstValue("X-Cache").orElse(""))) {
                    System.out.printf("warning: warm %s was not a cache hit%n", name(kind));
                }
            }
            Arrays.sort(times);
            warm.put(name(kind), times[times.length / 2]);
            warmMax.put(name(kind), times[times.length - 1]);
            System.out.printf("warm %-14s %9.1f ms median, %.1f ms max of %d%n", name(kind), warm.get(name(kind)),
                    warmMax.get(name(kind)), warmRuns);
        }
        // One more entry: the cached analysis is invalid; it is recomputed (and the new entry scored).
        HttpResponse<String> added = http.send(authorized(URI.create(url + "/v1/users/" + user + "/entries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"One more entry after the benchmark, feeling fine.\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 201) {
            // otherwise the figure below would time a cache hit
            throw new IllegalStateException("adding an entry failed: " + added.statusCode() + " " + added.body());
        }
        long start = System.nanoTime();
        get(http, url, user, KINDS[0]);
        double afterWrite = ms(start);
        System.out.printf("recomputed comprehensive after one new entry: %.1f ms%n", afterWrite);

        StringBuilder json = new StringBuilder("{\"benchmark\":\"analysis\",\"user\":\"").append(user)
                .append("\",\"entries\":").append(entries).append(",\"importMs\":").append(round(importMs))
                .append(",\"pendingAfterColdComprehensive\":").append(pending)
                .append(",\"coldMs\":").append(object(cold)).append(",\"warmMedianMs\":").append(object(warm))
                .append(",\"warmMaxMs\":").append(object(warmMax))
                .append(",\"comprehensiveAfterOneNewEntryMs\":").append(round(afterWrite))
                .append(",\"cpuSecondsImportToColdComprehensive\":").append(object(coldCpu))
                .append(",\"inferenceBusyAnswersImportToColdComprehensive\":").append(Double.isNaN(busy) ? "null" : Long.toString(Math.round(busy)))
                .append(",\"loadAverageBefore\":\"").append(loadBefore).append('"')
                .append(",\"cores\":").append(Runtime.getRuntime().availableProcessors())
                .append(",\"at\":\"").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\"}");
        System.out.println(json);
    }

    /** The analysis service's count of busy answers (503/429 with Retry-After) from the inference service. */
    private static final String BUSY_ANSWERS = "moodlens_analysis_inference_busy_total";

    /** A service's process CPU time in seconds from its Prometheus metrics, NaN when it cannot be read. */
    private static double cpuSeconds(HttpClient http, String serviceUrl) {
        return metric(http, serviceUrl, "process_cpu_time_ns_total", Double.NaN) / 1e9;
    }

    /**
     * The first series of a metric in a service's Prometheus metrics: {@code absent} when it has none (a counter is
     * exported from its first increment), NaN when the metrics cannot be read.
     */
    private static double metric(HttpClient http, String serviceUrl, String name, double absent) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\S* ([0-9.Ee+]+)$").matcher(metrics);
            return m.find() ? Double.parseDouble(m.group(1)) : absent;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String user, String kind)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(URI.create(url + "/v1/users/" + user + "/" + kind))
                .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(kind + " failed: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static HttpRequest.Builder authorized(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        return TOKEN.isBlank() ? builder : builder.header("Authorization", "Bearer " + TOKEN.strip());
    }

    /** Entries over the last ~3 years, several a day, 30 to 150 words, each text unique. */
    static String generate(int count, Random random) {
        StringBuilder out = new StringBuilder(count * 600);
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS);
        long spanSeconds = Math.max(1, Math.min(1100L, count / 3 + 30)) * 86400L;
        List<Long> offsets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            offsets.add((long) (random.nextDouble() * spanSeconds));
        }
        offsets.sort(null);
        for (int i = 0; i < count; i++) {
            Instant at = end.minusSeconds(spanSeconds - offsets.get(i)).truncatedTo(ChronoUnit.MINUTES);
            StringBuilder text = new StringBuilder();
            int sentences = 3 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    text.append(' ');
                }
                switch (s % 3) {
                    case 0 -> text.append(pick(random, OPENERS)).append(' ')
                            .append(fill(pick(random, ACTIVITIES), random)).append('.');
                    case 1 -> text.append(pick(random, FEELINGS));
                    default -> text.append(fill(pick(random, DETAILS), random));
                }
            }
            out.append("{\"writtenAt\":\"").append(at).append("\",\"title\":\"Day ").append(i + 1)
                    .append("\",\"text\":\"").append(text).append("\",\"tags\":[\"bench\"]}\n");
        }
        return out.toString();
    }

    private static String fill(String template, Random random) {
        String s = template;
        while (s.contains("%s")) {
            s = s.replaceFirst("%s", random.nextBoolean() ? pick(random, NAMES) : pick(random, WORDS));
        }
        while (s.contains("%d")) {
            s = s.replaceFirst("%d", Integer.toString(2 + random.nextInt(9000)));
        }
        return s;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String name(String kind) {
        return kind.substring(kind.lastIndexOf('/') + 1);
    }

    private static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String object(Map<String, Double> values) {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(Double.isNaN(v) ? "null" : Double.toString(round(v))));
        return b.append('}').toString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
