package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.moodlens.analysis.config.AnalysisConfig;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk import of JSON Lines and CSV. The body is read as a stream, record by record, and every record
 * is validated before anything is written; then all records are stored in one transaction. So a bad
 * record (named by its line) leaves the journal exactly as it was.
 */
@ApplicationScoped
public class EntryImporter {

    /** CSV columns and the entry field each maps to. */
    private static final Map<String, String> CSV_COLUMNS = Map.of("text", "text", "writtenat", "writtenAt",
            "written_at", "writtenAt", "date", "writtenAt", "title", "title", "tags", "tags");
    private static final Set<String> CSV_IGNORED = Set.of("id", "createdat", "created_at", "updatedat", "updated_at");

    private final EntryParser parser;
    private final JournalStore store;
    private final ObjectMapper json;
    private final AnalysisConfig config;

    EntryImporter(EntryParser parser, JournalStore store, ObjectMapper json, AnalysisConfig config) {
        this.parser = parser;
        this.store = store;
        this.json = json;
        this.config = config;
    }

    public ImportResult importNdjson(String user, InputStream body) {
        List<EntryDraft> drafts = new ArrayList<>();
        try (BufferedReader reader = reader(body)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw lineProblem(number, null, "not valid JSON (" + e.getOriginalMessage() + ")");
                }
                add(drafts, node, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store(user, drafts, "ndjson");
    }

    public ImportResult importCsv(String user, InputStream body) {
        List<EntryDraft> drafts = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (Reader reader = reader(body);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class).with(schema).readValues(reader)) {
            int line = 1;
            boolean checked = false;
            while (true) {
                line = (int) rows.getCurrentLocation().getLineNr();
                Map<String, String> row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                } catch (RuntimeJsonMappingException | JsonProcessingException e) {
                    throw lineProblem(line, null, "malformed CSV record (" + shortMessage(e) + ")");
                }
                if (!checked) {
                    checkHeader(row.keySet());
                    checked = true;
                }
                add(drafts, toNode(row), line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store(user, drafts, "csv");
    }

    private ImportResult store(String user, List<EntryDraft> drafts, String format) {
        if (drafts.isEmpty()) {
            throw ProblemException.badRequest("the import contains no entries");
        }
        return store.importAll(user, drafts, format);
    }

    private void add(List<EntryDraft> drafts, JsonNode node, int line) {
        if (drafts.size() >= config.maxImportEntries()) {
            throw new ProblemException(413, "Payload Too Large", "an import may hold at most " + config.maxImportEntries()
                    + " entries; split the file", Map.of("line", line), Map.of());
        }
        try {
            drafts.add(parser.parse(node));
        } catch (InvalidEntryException e) {
            throw lineProblem(line, e.field(), e.getMessage());
        }
    }

    private static void checkHeader(Set<String> columns) {
        boolean text = false;
        for (String column : columns) {
            String c = column.strip().toLowerCase();
            if (!CSV_COLUMNS.containsKey(c) && !CSV_IGNORED.contains(c)) {
                throw lineProblem(1, column, "unknown CSV column '" + column + "'; columns are text, writtenAt, title, tags");
            }
            text |= c.equals("text");
        }
        if (!text) {
            throw lineProblem(1, "text", "the CSV header must have a 'text' column");
        }
    }

    private ObjectNode toNode(Map<String, String> row) {
        ObjectNode node = json.createObjectNode();
        row.forEach((column, value) -> {
            String field = CSV_COLUMNS.get(column.strip().toLowerCase());
            if (field == null) {
                return;
            }
            if (field.equals("text")) {
                node.put("text", value);
            } else if (value != null && !value.isBlank()) {
                if (field.equals("tags")) {
                    ArrayNode tags = node.putArray("tags");
                    for (String tag : value.split("[;|]")) {
                        if (!tag.isBlank()) {
                            tags.add(tag.strip());
                        }
                    }
                } else {
                    node.put(field, value);
                }
            }
        });
        return node;
    }

    static ProblemException lineProblem(int line, String field, String message) {
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("line", line);
        if (field != null) {
            errors.put("field", field);
        }
        errors.put("message", message);
        return new ProblemException(400, "Bad Request", "line " + line + ": " + message + "; nothing was imported",
                errors, Map.of());
    }

    private static String shortMessage(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    private static BufferedReader reader(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
    }
}
