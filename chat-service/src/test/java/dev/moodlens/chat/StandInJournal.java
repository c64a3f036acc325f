package dev.moodlens.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The analysis service's journal, as far as the journal and insights pages use it, kept in memory per user:
 * entries (list with the page's filters, CRUD, all-or-nothing import with line-numbered refusals, export)
 * and analyses in the analysis service's JSON shapes, computed with simple rules (mood and emotion from
 * keywords, per-sentence results) so that the pages have something true to the shapes to draw. The real
 * analyses are checked against the real service by the render-time command (chat-service README).
 */
public final class StandInJournal {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]*\\s*");
    private static final Map<String, Double> WORDS = Map.ofEntries(
            Map.entry("good", 0.5), Map.entry("great", 0.7), Map.entry("lovely", 0.7), Map.entry("calm", 0.4),
            Map.entry("happy", 0.7), Map.entry("lucky", 0.6), Map.entry("love", 0.6), Map.entry("laughed", 0.5),
            Map.entry("proud", 0.6), Map.entry("better", 0.4), Map.entry("fun", 0.5), Map.entry("grateful", 0.6),
            Map.entry("sad", -0.7), Map.entry("tired", -0.5), Map.entry("lonely", -0.7), Map.entry("angry", -0.6),
            Map.entry("worried", -0.6), Map.entry("anxious", -0.6), Map.entry("exhausted", -0.6), Map.entry("awful", -0.8),
            Map.entry("stress", -0.5), Map.entry("stressed", -0.6), Map.entry("cried", -0.7), Map.entry("bad", -0.5),
            Map.entry("scared", -0.6), Map.entry("deadline", -0.3), Map.entry("sick", -0.5), Map.entry("hard", -0.3));
    private static final String DISCLAIMER = "This analysis is computed automatically from the words in your journal by "
            + "machine-learning models and simple statistics. It is not a diagnosis, a clinical assessment or a "
            + "personality test; if you are worried about how you feel, please talk to a health professional.";

    /** One stored entry; {@code scored} false while the stand-in "scores" it (see {@link #scoring}). */
    record Entry(String id, String user, String text, String title, List<String> tags, OffsetDateTime writtenAt,
                 boolean scored) {
        Entry scoredNow() {
            return new Entry(id, user, text, title, tags, writtenAt, true);
        }
    }

    private static final Map<String, List<Entry>> JOURNALS = new ConcurrentHashMap<>();
    /** When false, new entries stay pending (as when the inference service is down); {@link #scoreAll} scores them. */
    public static volatile boolean scoring = true;
    /** Query strings of the entry listings the stand-in was asked for. */
    public static final List<String> listings = new CopyOnWriteArrayList<>();

    private StandInJournal() {
    }

    public static void reset() {
        JOURNALS.clear();
        scoring = true;
        listings.clear();
    }

    /** A journal for {@code user} with no account behind it, as an operator's import would leave it. */
    public static void seed(String user) {
        JOURNALS.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>());
    }

    public static int size(String user) {
        return JOURNALS.getOrDefault(user, List.of()).size();
    }

    public static void scoreAll() {
        JOURNALS.values().forEach(list -> list.replaceAll(Entry::scoredNow));
    }

    /** Handles /v1/users/{user}/entries... and /analysis/{kind}; null when the path is not the journal's. */
    static Answer handle(String method, String[] parts, String query, byte[] body, String contentType) throws Exception {
        try {
            return route(method, parts, query, body, contentType);
        } catch (Refusal refusal) {
            return Answer.problem(400, refusal.getMessage(), refusal.errors());
        }
    }

    private static Answer route(String method, String[] parts, String query, byte[] body, String contentType) throws Exception {
        String user = parts[3];
        String what = parts[4];
        if (what.equals("analysis") && parts.length == 6 && method.equals("GET")) {
            return analysis(user, parts[5]);
        }
        if (!what.equals("entries")) {
            return null;
        }
        if (parts.length == 5 && method.equals("GET")) {
            listings.add(query == null ? "" : query);
            return list(user, params(query));
        }
        if (parts.length == 5 && method.equals("POST")) {
            JsonNode entry = JSON.readTree(body);
            return Answer.json(201, view(store(user, draft(entry, 0))));
        }
        if (parts.length == 6 && parts[5].equals("import") && method.equals("POST")) {
            return importFile(user, new String(body, StandardCharsets.UTF_8), contentType);
        }
        if (parts.length == 6 && parts[5].equals("export") && method.equals("GET")) {
            List<Entry> entries = JOURNALS.get(user);
            if (entries == null) {
                return noJournal(user);
            }
            StringBuilder out = new StringBuilder();
            for (Entry e : sorted(entries, true)) {
                out.append(JSON.writeValueAsString(view(e))).append('\n');
            }
            return new Answer(200, "application/x-ndjson", out.toString());
        }
        if (parts.length == 6) {
            List<Entry> entries = JOURNALS.get(user);
            Entry found = entries == null ? null : entries.stream().filter(e -> e.id().equals(parts[5])).findFirst().orElse(null);
            if (found == null) {
                return Answer.problem(404, "user '" + user + "' has no entry " + parts[5], null);
            }
            switch (method) {
                case "GET":
                    return Answer.json(200, view(found));
                case "DELETE":
                    entries.remove(found);
                    return new Answer(204, "application/json", "");
                case "PUT":
                    Entry draft = draft(JSON.readTree(body), 0);
                    Entry updated = new Entry(found.id(), user, draft.text(), draft.title(), draft.tags(), draft.writtenAt(),
                            scoring || draft.text().equals(found.text()) && found.scored());
                    entries.set(entries.indexOf(found), updated);
                    return Answer.json(200, view(updated));
                default:
                    return null;
            }
        }
        return null;
    }

    // ---- entries ----------------------------------------------------------------------------------

    private static Entry store(String user, Entry draft) {
        Entry entry = new Entry(UUID.randomUUID().toString(), user, draft.text(), draft.title(), draft.tags(),
                draft.writtenAt(), scoring);
        JOURNALS.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(entry);
        return entry;
    }

    /** Validates one written entry as the analysis service does for the fields the pages send. */
    private static Entry draft(JsonNode node, int line) {
        String at = line > 0 ? "line " + line + ": " : "";
        if (node == null || !node.isObject()) {
            throw new Refusal(at + "a JSON entry object is required", line, null);
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new Refusal(at + "text is required and must be a non-empty string", line, "text");
        }
        OffsetDateTime written = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (node.hasNonNull("writtenAt")) {
            try {
                written = OffsetDateTime.parse(node.get("writtenAt").asText());
            } catch (DateTimeParseException e) {
                throw new Refusal(at + "writtenAt '" + node.get("writtenAt").asText()
                        + "' is not an ISO-8601 date-time with offset", line, "writtenAt");
            }
        }
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        String title = node.hasNonNull("title") ? node.get("title").asText() : null;
        return new Entry(null, null, text.asText(), title, tags, written, false);
    }

    private static Answer importFile(String user, String body, String contentType) throws Exception {
        List<Entry> drafts = new ArrayList<>();
        String[] lines = body.split("\r?\n");
        boolean csv = contentType != null && contentType.startsWith("text/csv");
        try {
            for (int i = csv ? 1 : 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                JsonNode node;
                if (csv) {
                    String[] cells = lines[i].split(",", -1); // the tests' CSV files: text,writtenAt,title,tags without quotes
                    ObjectNode object = JSON.createObjectNode().put("text", cells[0]);
                    if (cells.length > 1 && !cells[1].isBlank()) object.put("writtenAt", cells[1]);
                    if (cells.length > 2 && !cells[2].isBlank()) object.put("title", cells[2]);
                    if (cells.length > 3 && !cells[3].isBlank()) {
                        ArrayNode tags = object.putArray("tags");
                        for (String tag : cells[3].split(";")) tags.add(tag.strip());
                    }
                    node = object;
                } else {
                    try {
                        node = JSON.readTree(lines[i]);
                    } catch (Exception e) {
                        throw new Refusal("line " + (i + 1) + ": not valid JSON", i + 1, null);
                    }
                }
                drafts.add(draft(node, i + 1));
            }
        } catch (Refusal refusal) {
            return Answer.problem(400, refusal.getMessage() + "; nothing was imported", refusal.errors());
        }
        drafts.forEach(d -> store(user, d));
        return Answer.json(201, JSON.createObjectNode().put("user", user).put("imported", drafts.size())
                .put("format", csv ? "csv" : "ndjson").put("journalRevision", 1));
    }

    private static Answer list(String user, Map<String, String> params) {
        List<Entry> entries = JOURNALS.get(user);
        if (entries == null) {
            return noJournal(user);
        }
        String text = params.get("q");
        String tag = params.get("tag");
        Instant to = params.containsKey("to") ? LocalDate.parse(params.get("to")).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC) : null;
        boolean pending = "true".equals(params.get("pending"));
        List<Entry> matching = sorted(entries, "asc".equals(params.get("order"))).stream()
                .filter(e -> text == null || (e.text() + " " + (e.title() == null ? "" : e.title())).toLowerCase(Locale.ROOT)
                        .contains(text.toLowerCase(Locale.ROOT)))
                .filter(e -> tag == null || e.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag)))
                .filter(e -> to == null || e.writtenAt().toInstant().isBefore(to))
                .filter(e -> !pending || !e.scored())
                .toList();
        int page = Integer.parseInt(params.getOrDefault("page", "0"));
        int size = Integer.parseInt(params.getOrDefault("size", "50"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        matching.stream().skip((long) page * size).limit(size).forEach(e -> items.add(view(e)));
        answer.put("total", matching.size());
        return Answer.json(200, answer);
    }

    private static List<Entry> sorted(List<Entry> entries, boolean ascending) {
        Comparator<Entry> order = Comparator.comparing((Entry e) -> e.writtenAt().toInstant()).thenComparing(Entry::id);
        return entries.stream().sorted(ascending ? order : order.reversed()).toList();
    }

    /** The analysis service's entry JSON, with per-sentence results (start/end in UTF-16 units, as Java and JavaScript count). */
    private static ObjectNode view(Entry e) {
        ObjectNode node = JSON.createObjectNode().put("id", e.id()).put("text", e.text()).put("writtenAt", e.writtenAt().toString())
                .put("title", e.title()).put("createdAt", "2026-11-30T10:00:00Z").put("updatedAt", "2026-11-30T10:00:00Z")
                .put("pending", !e.scored());
        ArrayNode tags = node.putArray("tags");
        e.tags().forEach(tags::add);
        if (!e.scored()) {
            node.putNull("scores");
            return node;
        }
        double mood = mood(e.text());
        String emotion = StandInServers.analyse(e.text()).emotion().label();
        ObjectNode scores = node.putObject("scores");
        scores.putObject("sentimentModel").put("id", "stand-in-sentiment").put("revision", "1");
        scores.putObject("emotionModel").put("id", "stand-in-emotion").put("revision", "1");
        scores.put("sentiment", mood > 0.2 ? "positive" : mood < -0.2 ? "negative" : "neutral").put("mood", mood);
        scores.putObject("emotionScores").put(emotion, 0.8);
        scores.put("emotion", emotion).put("truncated", false).put("scoredAt", "2026-11-30T10:00:00Z");
        ArrayNode sentences = scores.putArray("sentences");
        var matcher = SENTENCE.matcher(e.text());
        double strongest = 0;
        List<ObjectNode> all = new ArrayList<>();
        while (matcher.find()) {
            String sentence = e.text().substring(matcher.start(), matcher.end()).stripTrailing();
            if (sentence.isBlank()) continue;
            double m = mood(sentence);
            strongest = Math.max(strongest, Math.abs(m));
            all.add(JSON.createObjectNode().put("start", matcher.start()).put("end", matcher.start() + sentence.length())
                    .put("mood", m).put("emotion", StandInServers.analyse(sentence).emotion().label()).put("emotionScore", 0.8));
        }
        for (ObjectNode s : all) {
            sentences.add(s.put("carriesMood", strongest > 0 && Math.abs(s.get("mood").asDouble()) == strongest));
        }
        return node;
    }

    static double mood(String text) {
        double sum = 0;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            sum += WORDS.getOrDefault(word, 0.0);
        }
        return Math.round(Math.max(-1, Math.min(1, sum)) * 1000) / 1000.0;
    }

    // ---- analyses -----------------------------------------------------------------------------------

    private static Answer analysis(String user, String kind) {
        List<Entry> entries = JOURNALS.get(user);
        if (entries == null) {
            return noJournal(user);
        }
        List<Entry> scored = sorted(entries, true).stream().filter(Entry::scored).toList();
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode basis = answer.putObject("basis").put("user", user).put("entryCount", entries.size())
                .put("scoredEntries", scored.size()).put("pendingEntries", entries.size() - scored.size())
                .put("failedEntries", 0).put("journalRevision", 1).put("computedAt", "2026-11-30T10:00:00Z")
                .put("disclaimer", DISCLAIMER);
        basis.putArray("models");
        if (!entries.isEmpty()) {
            basis.put("firstEntry", sorted(entries, true).get(0).writtenAt().toString())
                    .put("lastEntry", sorted(entries, false).get(0).writtenAt().toString());
        }
        TreeMap<LocalDate, List<Entry>> byDay = scored.stream().collect(Collectors.groupingBy(e -> e.writtenAt().toLocalDate(),
                TreeMap::new, Collectors.toList()));
        switch (kind) {
            case "comprehensive" -> comprehensive(answer, scored, byDay);
            case "personality" -> personality(answer, scored);
            case "predictive" -> predictive(answer, scored, byDay);
            default -> {
                return Answer.problem(404, "no analysis " + kind, null);
            }
        }
        return Answer.json(200, answer);
    }

    private static void comprehensive(ObjectNode answer, List<Entry> scored, TreeMap<LocalDate, List<Entry>> byDay) {
        ObjectNode trend = answer.putObject("sentimentTrend").put("method", "stand-in");
        ArrayNode daily = trend.putArray("daily");
        byDay.forEach((day, list) -> daily.add(period(day.toString(), list)));
        TreeMap<LocalDate, List<Entry>> byWeek = scored.stream().collect(Collectors.groupingBy(
                e -> e.writtenAt().toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), TreeMap::new, Collectors.toList()));
        ArrayNode weekly = trend.putArray("weekly");
        byWeek.forEach((week, list) -> weekly.add(period(week.toString(), list)));
        trend.put("overallMean", scored.isEmpty() ? null : round(scored.stream().mapToDouble(e -> mood(e.text())).average().orElse(0)));
        trend.put("slopePerWeek", scored.size() < 2 ? null : -0.012);

        ObjectNode emotions = answer.putObject("emotions");
        ArrayNode overall = emotions.putArray("overall");
        shares(scored).forEach(overall::add);
        ArrayNode byMonth = emotions.putArray("byMonth");
        scored.stream().collect(Collectors.groupingBy(e -> e.writtenAt().toString().substring(0, 7), TreeMap::new, Collectors.toList()))
                .forEach((month, list) -> {
                    ObjectNode m = byMonth.addObject().put("month", month).put("count", list.size());
                    ArrayNode es = m.putArray("emotions");
                    shares(list).forEach(es::add);
                });

        ArrayNode themes = answer.putArray("themes");
        for (String term : List.of("work", "walk", "sleep")) {
            List<Entry> with = scored.stream().filter(e -> e.text().toLowerCase(Locale.ROOT).contains(term)).toList();
            if (with.size() >= 2) {
                ObjectNode theme = themes.addObject().put("term", term).put("weight", with.size()).put("entries", with.size())
                        .put("meanMood", round(with.stream().mapToDouble(e -> mood(e.text())).average().orElse(0)));
                ArrayNode examples = theme.putArray("examples");
                with.stream().limit(3).forEach(e -> examples.add(ref(e, "uses \"" + term + "\"")));
            }
        }
        answer.putObject("writingPatterns");
        ObjectNode extremes = answer.putObject("extremes");
        extremes.putArray("mostPositive");
        extremes.putArray("mostNegative");
        answer.putArray("notableChanges");
    }

    private static List<ObjectNode> shares(List<Entry> entries) {
        Map<String, Long> counts = entries.stream().collect(Collectors.groupingBy(
                e -> StandInServers.analyse(e.text()).emotion().label(), TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(c -> JSON.createObjectNode().put("emotion", c.getKey()).put("count", c.getValue())
                .put("share", round((double) c.getValue() / entries.size())).put("meanProbability", 0.6)).toList();
    }

    private static void personality(ObjectNode answer, List<Entry> scored) {
        answer.put("method", "stand-in");
        ArrayNode traits = answer.putArray("traits");
        String[] names = {"openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"};
        double confidence = round(scored.size() / (scored.size() + 40.0));
        for (int i = 0; i < names.length; i++) {
            double score = 30 + 12 * i + (scored.size() % 7);
            ObjectNode trait = traits.addObject().put("trait", names[i]).put("score", score)
                    .put("level", score < 35 ? "low" : score > 65 ? "high" : "moderate").put("confidence", confidence)
                    .put("summary", names[i] + " rests mostly on the words you use");
            trait.putArray("signals");
            ArrayNode evidence = trait.putArray("evidence");
            int skip = i;
            scored.stream().skip(Math.min(skip, Math.max(0, scored.size() - 3))).limit(3)
                    .forEach(e -> evidence.add(ref(e, "words of the " + names[skip] + " list")));
        }
    }

    private static void predictive(ObjectNode answer, List<Entry> scored, TreeMap<LocalDate, List<Entry>> byDay) {
        ObjectNode forecast = answer.putObject("forecast").put("method", "stand-in").put("historyDays", byDay.size())
                .put("observedDays", byDay.size());
        ArrayNode days = forecast.putArray("days");
        if (byDay.size() < 5) {
            forecast.put("reliable", false).put("note", "at least 5 days with scored entries are needed for a forecast; there are " + byDay.size());
        } else {
            LocalDate last = byDay.lastKey();
            double level = round(byDay.lastEntry().getValue().stream().mapToDouble(e -> mood(e.text())).average().orElse(0));
            forecast.put("reliable", byDay.size() >= 14).put("note", "forecast starts the day after the last entry (" + last + ")");
            for (int h = 1; h <= 14; h++) {
                double w80 = 0.15 + 0.02 * h;
                double w95 = w80 * 1.5;
                days.addObject().put("date", last.plusDays(h).toString()).put("horizon", h).put("mood", level)
                        .put("lower80", round(Math.max(-1, level - w80))).put("upper80", round(Math.min(1, level + w80)))
                        .put("lower95", round(Math.max(-1, level - w95))).put("upper95", round(Math.min(1, level + w95)));
            }
            answer.putArray("horizons").addObject().put("days", 7).put("meanMood", level)
                    .put("lower80", round(level - 0.25)).put("upper80", round(level + 0.25));
        }
        if (!answer.has("horizons")) {
            answer.putArray("horizons");
        }
        ArrayNode risks = answer.putArray("riskFactors");
        List<Entry> low = scored.stream().filter(e -> mood(e.text()) <= -0.5).toList();
        if (low.size() >= 3) {
            ObjectNode risk = risks.addObject().put("type", "negativeStreak").put("severity", "moderate")
                    .put("description", low.size() + " low days in your journal");
            ArrayNode riskDays = risk.putArray("days");
            low.stream().limit(5).forEach(e -> riskDays.add(e.writtenAt().toLocalDate().toString()));
            ArrayNode evidence = risk.putArray("evidence");
            low.stream().limit(3).forEach(e -> evidence.add(ref(e, "low mood")));
            risk.putNull("help");
        }
        answer.put("support", "Forecasts and risk factors are statistical readings of your writing, not a diagnosis.");
    }

    private static ObjectNode period(String start, List<Entry> list) {
        return JSON.createObjectNode().put("start", start)
                .put("mean", round(list.stream().mapToDouble(e -> mood(e.text())).average().orElse(0))).put("count", list.size());
    }

    private static ObjectNode ref(Entry e, String why) {
        String excerpt = e.text().length() <= 160 ? e.text() : e.text().substring(0, 159) + "\u2026";
        return JSON.createObjectNode().put("id", e.id()).put("writtenAt", e.writtenAt().toString()).put("excerpt", excerpt)
                .put("mood", mood(e.text())).put("emotion", StandInServers.analyse(e.text()).emotion().label()).put("why", why);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static Answer noJournal(String user) {
        return Answer.problem(404, "there is no journal for user '" + user + "'", null);
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** An HTTP answer of the stand-in. */
    record Answer(int status, String type, String body) {
        static Answer json(int status, JsonNode body) {
            try {
                return new Answer(status, "application/json", JSON.writeValueAsString(body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer problem(int status, String detail, Map<String, Object> errors) {
            ObjectNode problem = JSON.createObjectNode().put("type", "about:blank")
                    .put("title", status == 404 ? "Not Found" : status == 503 ? "Service Unavailable" : "Bad Request")
                    .put("status", status).put("detail", detail);
            if (errors != null) {
                problem.set("errors", JSON.valueToTree(errors));
            }
            return new Answer(status, "application/problem+json", problem.toString());
        }
    }

    /** A refused record of an entry or an import line. */
    private static final class Refusal extends RuntimeException {
        private final int line;
        private final String field;

        Refusal(String message, int line, String field) {
            super(message);
            this.line = line;
            this.field = field;
        }

        Map<String, Object> errors() {
            Map<String, Object> errors = new LinkedHashMap<>();
            if (line > 0) errors.put("line", line);
            if (field != null) errors.put("field", field);
            errors.put("message", getMessage());
            return errors;
        }
    }
}
