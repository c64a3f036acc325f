package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moodlens.analysis.config.AnalysisConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns a JSON object into a validated {@link EntryDraft}, strictly (no type coercion), with messages
 * that name the field. Shared by the REST endpoints and both import formats.
 */
@ApplicationScoped
public class EntryParser {

    static final int MAX_TITLE = 200;
    static final int MAX_TAGS = 32;
    static final int MAX_TAG = 64;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Fields of the entry shape; the read-only ones (from an export) are accepted and ignored. */
    private static final Set<String> KNOWN = Set.of("text", "writtenAt", "title", "tags");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "pending", "scores", "results");

    private final int maxChars;
    private final Duration futureTolerance;
    private final Clock clock;

    @Inject
    public EntryParser(AnalysisConfig config) {
        this(config.maxEntryChars(), config.futureTolerance(), Clock.systemUTC());
    }

    public EntryParser(int maxChars, Duration futureTolerance, Clock clock) {
        this.maxChars = maxChars;
        this.futureTolerance = futureTolerance;
        this.clock = clock;
    }

    public EntryDraft parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidEntryException(null, "an entry must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name) && !READ_ONLY.contains(name)) {
                throw new InvalidEntryException(name, "unknown field '" + name + "'");
            }
        }
        return new EntryDraft(writtenAt(node.get("writtenAt")), title(node.get("title")), text(node.get("text")),
                tags(node.get("tags")));
    }

    private String text(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidEntryException("text", "text is required");
        }
        if (!node.isTextual()) {
            throw new InvalidEntryException("text", "text must be a string, not " + kind(node));
        }
        String text = refuseNul("text", node.textValue());
        if (text.isBlank()) {
            throw new InvalidEntryException("text", "text must not be empty");
        }
        if (text.length() > maxChars) {
            throw new InvalidEntryException("text", "text has " + text.length() + " characters; at most " + maxChars
                    + " are allowed", true);
        }
        return text;
    }

    private OffsetDateTime writtenAt(JsonNode node) {
        Instant now = clock.instant();
        if (node == null || node.isNull()) {
            return now.atOffset(ZoneOffset.UTC);
        }
        if (!node.isTextual()) {
            throw new InvalidEntryException("writtenAt", "writtenAt must be an ISO-8601 date-time string, not " + kind(node));
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(node.textValue().strip());
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(node.textValue().strip());
                throw new InvalidEntryException("writtenAt", "writtenAt '" + node.textValue()
                        + "' has no time zone offset; write it like 2026-11-01T08:30:00Z or 2026-11-01T08:30:00+02:00");
            } catch (DateTimeParseException again) {
                throw new InvalidEntryException("writtenAt", "writtenAt '" + node.textValue()
                        + "' is not an ISO-8601 date-time like 2026-11-01T08:30:00Z");
            }
        }
        if (at.toInstant().isAfter(now.plus(futureTolerance))) {
            throw new InvalidEntryException("writtenAt", "writtenAt " + node.textValue()
                    + " is more than " + futureTolerance.toHours() + " hours in the future");
        }
        if (at.toInstant().isBefore(EARLIEST)) {
            throw new InvalidEntryException("writtenAt", "writtenAt " + node.textValue() + " is before 1900");
        }
        return at;
    }

    private static String title(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEntryException("title", "title must be a string, not " + kind(node));
        }
        String title = refuseNul("title", node.textValue()).strip();
        if (title.length() > MAX_TITLE) {
            throw new InvalidEntryException("title", "title has " + title.length() + " characters; at most "
                    + MAX_TITLE + " are allowed");
        }
        return title.isEmpty() ? null : title;
    }

    /** PostgreSQL text cannot hold U+0000: refuse it up front rather than fail at the database. */
    private static String refuseNul(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidEntryException(field, field + " contains a NUL character (U+0000), which cannot be stored");
        }
        return value;
    }

    private static List<String> tags(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidEntryException("tags", "tags must be an array of strings, not " + kind(node));
        }
        if (node.size() > MAX_TAGS) {
            throw new InvalidEntryException("tags", "at most " + MAX_TAGS + " tags are allowed, not " + node.size());
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw new InvalidEntryException("tags", "tags must contain strings only, not " + kind(tag));
            }
            String value = refuseNul("tags", tag.textValue()).strip();
            if (value.isEmpty() || value.length() > MAX_TAG) {
                throw new InvalidEntryException("tags", "each tag must have 1 to " + MAX_TAG + " characters");
            }
            if (!tags.contains(value)) {
                tags.add(value);
            }
        }
        return List.copyOf(tags);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
