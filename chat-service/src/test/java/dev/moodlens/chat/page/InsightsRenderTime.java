package dev.moodlens.chat.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * How long the insights page takes to render a large journal once its analyses are cached, in the system's
 * headless Chromium against a running suite (./moodlens up): registers a fresh account at the chat service,
 * imports N generated entries through the journal gateway, waits until the three analyses answer (the first
 * one scores every entry, which takes minutes for 10,000), then loads /insights.html R times and reads
 * when the page was complete (insights.js sets body[data-rendered] to performance.now(), milliseconds since
 * the navigation started: the HTML, the scripts, the three analyses and the charts). Prints each run, the
 * median and the maximum; the last line is one JSON object. Nothing is asserted: it is a measurement.
 * With {@code --scored-within MINUTES} it first waits (up to that long) until no entry is pending, so the
 * page draws the whole journal rather than the part scored when the first analysis answered.
 *
 * <pre>./moodlens bench pages [--entries 10000] [--runs 5] [--scored-within 30] [--chat http://127.0.0.1:8080]</pre>
 */
public final class InsightsRenderTime {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private InsightsRenderTime() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String chat = options.getOrDefault("chat", "http://127.0.0.1:8080").replaceAll("/$", "");
        int entries = Integer.parseInt(options.getOrDefault("entries", "10000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int scoredWithinMinutes = Integer.parseInt(options.getOrDefault("scored-within", "0"));
        if (!PageBrowser.available()) {
            throw new IllegalStateException("needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        }

        String user = "render-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        JsonNode account = JSON.readTree(send(HttpRequest.newBuilder(URI.create(chat + "/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("user", user, "password", password)))), 201));
        String token = account.get("token").asText();

        byte[] journal = journal(entries, new Random(20261205));
        long start = System.nanoTime();
        JsonNode imported = JSON.readTree(send(authorized(chat + "/v1/journal/entries/import", token)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(journal)), 201));
        System.out.printf("imported %d entries (%.1f MB) for %s in %.1f s%n", imported.get("imported").asInt(),
                journal.length / 1e6, user, (System.nanoTime() - start) / 1e9);

        // The first analysis scores every entry (the gateway answers 503 if that outlasts its timeout: ask again).
        start = System.nanoTime();
        for (String kind : List.of("comprehensive", "personality", "predictive")) {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> answer = HTTP.send(authorized(chat + "/v1/journal/analysis/" + kind, token)
                        .timeout(Duration.ofMinutes(4)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    JsonNode basis = JSON.readTree(answer.body()).get("basis");
                    System.out.printf("%s ready after %.1f s (%d scored, %d pending)%n", kind, (System.nanoTime() - start) / 1e9,
                            basis.get("scoredEntries").asInt(), basis.get("pendingEntries").asInt());
                    break;
                }
                if (attempt == 20) {
                    throw new IllegalStateException(kind + " answered " + answer.statusCode() + ": " + answer.body());
                }
                System.out.printf("%s answered %d (%s); asking again%n", kind, answer.statusCode(), answer.body());
                Thread.sleep(5000);
            }
        }

        int pending = scoredWithinMinutes > 0 ? awaitScored(chat, token, scoredWithinMinutes) : -1;

        List<Long> times = new ArrayList<>();
        try (PageBrowser browser = new PageBrowser()) {
            browser.driver.get(chat + "/");
            browser.driver.executeScript("sessionStorage.setItem('moodlens.user', arguments[0]);"
                    + "sessionStorage.setItem('moodlens.token', arguments[1]);", user, token);
            for (int run = 1; run <= runs; run++) {
                browser.driver.get(chat + "/insights.html");
                browser.waiting(60).until(d -> d.findElement(By.tagName("body")).getAttribute("data-rendered") != null);
                long ms = Long.parseLong(browser.driver.findElement(By.tagName("body")).getAttribute("data-rendered"));
                String error = browser.driver.findElement(By.id("insights-error")).getText();
                if (!error.isBlank()) {
                    throw new IllegalStateException("the page shows an error: " + error);
                }
                int points = ((Number) browser.driver.executeScript(
                        "return Chart.getChart('mood-chart').data.datasets.reduce((n, d) => n + d.data.length, 0)")).intValue();
                System.out.printf("run %d: insights rendered in %d ms (%d points on the mood chart)%n", run, ms, points);
                times.add(ms);
            }
            browser.screenshot("insights-" + entries + "-entries.png");
        }
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long max = sorted.get(sorted.size() - 1);
        System.out.printf("insights of %d entries, analyses cached: first %d ms, median %d ms, max %d ms over %d runs%n",
                entries, times.get(0), median, max, runs);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entries", entries);
        if (pending >= 0) {
            result.put("pendingEntries", pending);
        }
        result.put("runs", times);
        result.put("firstMs", times.get(0));
        result.put("medianMs", median);
        result.put("maxMs", max);
        System.out.println(JSON.writeValueAsString(result));
    }

    /** Asks for the comprehensive analysis until it rests on every entry (or the time is up); answers the entries still pending. */
    private static int awaitScored(String chat, String token, int minutes) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(minutes).toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(authorized(chat + "/v1/journal/analysis/comprehensive", token)
                    .timeout(Duration.ofMinutes(4)).GET().build(), HttpResponse.BodyHandlers.ofString());
            int pending = answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("basis").get("pendingEntries").asInt() : -1;
            if (pending == 0 || System.nanoTime() > deadline) {
                System.out.printf("%d entries pending after %.1f s of waiting for the scoring%n", Math.max(pending, 0),
                        (System.nanoTime() - start) / 1e9);
                // the three analyses of the whole journal, cached before the page asks for them
                for (String kind : List.of("comprehensive", "personality", "predictive")) {
                    send(authorized(chat + "/v1/journal/analysis/" + kind, token).timeout(Duration.ofMinutes(4)).GET(), 200);
                }
                return Math.max(pending, 0);
            }
            Thread.sleep(10_000);
        }
    }

    private static HttpRequest.Builder authorized(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2));
    }

    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(answer.statusCode() + " from " + answer.uri() + ": " + answer.body());
        }
        return answer.body();
    }

    /** N unique entries of 3 to 8 sentences, one a day or so over the last ~3 years, as JSON Lines. */
    static byte[] journal(int count, Random random) throws Exception {
        String[] openers = {"Today", "This morning", "Tonight", "After work", "At lunch", "On the way home", "Late again"};
        String[] events = {"I went for a long walk by the river", "the meeting with the team dragged on", "I cooked dinner with Sam",
                "the deadline moved up again", "I read a few chapters of my book", "my sister called", "I could not sleep",
                "we played football in the park", "the train was late and crowded", "I finished the report at last"};
        String[] feelings = {"and I felt calm and grateful", "and I was tired and a bit sad", "which made me happy",
                "and I felt anxious about tomorrow", "and honestly it was fun", "and I felt lonely afterwards",
                "and I was proud of myself", "and it left me angry", "and I laughed a lot", "and I worried about money"};
        StringBuilder out = new StringBuilder();
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3L * 365).withHour(20).withMinute(0).withSecond(0).withNano(0);
        for (int i = 0; i < count; i++) {
            OffsetDateTime at = first.plusMinutes((long) i * 3 * 365 * 24 * 60 / count + random.nextInt(180));
            StringBuilder text = new StringBuilder();
            int sentences = 3 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                text.append(openers[random.nextInt(openers.length)]).append(' ').append(events[random.nextInt(events.length)])
                        .append(' ').append(feelings[random.nextInt(feelings.length)]).append(". ");
            }
            text.append("(Entry ").append(i + 1).append(".)");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("text", text.toString());
            entry.put("writtenAt", at.toString());
            out.append(JSON.writeValueAsString(entry)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
