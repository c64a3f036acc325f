package dev.moodlens.deploy.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.moodlens.deploy.ProjectPaths;

/** The Grafana dashboard parses, is well formed, and graphs metrics the services really register. */
class GrafanaDashboardTest {

    /** The monitoring points the dashboard must show (Prometheus names). */
    private static final List<String> REQUIRED = List.of(
            "moodlens_hub_requests_total", "moodlens_hub_retries_total",
            "moodlens_model_download_seconds", "moodlens_model_load_seconds",
            "moodlens_cache_requests_total", "http_server_requests_seconds_bucket",
            "moodlens_batch_queue_depth", "moodlens_batch_size");
    private static final Pattern METRIC = Pattern.compile("\\b((?:moodlens|http_server)_[a-z_]+)\\b");
    private static final Pattern METER_NAME = Pattern.compile("\"(moodlens\\.[a-z][a-z0-9.]*[a-z0-9])\"");

    private static JsonNode dashboard;
    private static List<JsonNode> panels;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(ProjectPaths.deploy().resolve("grafana/moodlens-dashboard.json").toFile());
        panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
    }

    @Test
    void isADashboardWithUniquePanelsOnTheGrid() {
        assertEquals("moodlens-overview", dashboard.path("uid").asText());
        assertFalse(panels.isEmpty());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            assertTrue(ids.add(panel.get("id").asInt()), "duplicate panel id " + panel.get("id"));
            JsonNode grid = panel.get("gridPos");
            assertNotNull(grid, panel.path("title").asText() + ": no gridPos");
            assertTrue(grid.get("x").asInt() + grid.get("w").asInt() <= 24, panel.path("title") + " overflows the grid");
            if (!panel.path("type").asText().equals("row")) {
                assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
                panel.get("targets").forEach(t -> assertBalanced(panel.path("title").asText(), t.path("expr").asText()));
            }
        }
    }

    @Test
    void showsEveryMonitoringPoint() {
        String queries = String.join("\n", expressions());
        for (String metric : REQUIRED) {
            assertTrue(queries.contains(metric), "no panel graphs " + metric);
        }
    }

    @Test
    void usesOnlyDeclaredTemplateVariables() {
        Set<String> declared = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(v -> declared.add(v.get("name").asText()));
        Matcher variable = Pattern.compile("\\$\\{?([A-Za-z_]+)").matcher(dashboard.toString());
        while (variable.find()) {
            String name = variable.group(1);
            assertTrue(name.startsWith("__") || declared.contains(name), "undeclared variable $" + name);
        }
    }

    /** Every moodlens_* series comes from a meter some module registers (catches renames on either side). */
    @Test
    void graphsOnlyMetersTheServicesRegister() {
        Set<String> registered = registeredMeterNames();
        Set<String> unknown = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String series = m.group(1);
                if (series.startsWith("moodlens_") && registered.stream().noneMatch(base -> isSeriesOf(series, base))) {
                    unknown.add(series);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "dashboard series without a registered meter: " + unknown
                + " (registered: " + registered + ")");
    }

    private static boolean isSeriesOf(String series, String base) {
        String prometheusBase = base.replace('.', '_');
        for (String suffix : List.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max",
                "_seconds_bucket", "_count", "_sum", "_max", "_bucket", "_bytes_total")) {
            if (series.equals(prometheusBase + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> registeredMeterNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ProjectPaths.root())) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = METER_NAME.matcher(Files.readString(source));
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        panels.forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        return expressions;
    }

    private static void assertBalanced(String title, String expr) {
        assertFalse(expr.isBlank(), title + ": empty expression");
        int round = 0;
        int curly = 0;
        int square = 0;
        for (char c : expr.toCharArray()) {
            switch (c) {
                case '(' -> round++;
                case ')' -> round--;
                case '{' -> curly++;
                case '}' -> curly--;
                case '[' -> square++;
                case ']' -> square--;
                default -> { }
            }
            assertTrue(round >= 0 && curly >= 0 && square >= 0, title + ": unbalanced " + expr);
        }
        assertEquals(0, round + curly + square, title + ": unbalanced " + expr);
    }
}
