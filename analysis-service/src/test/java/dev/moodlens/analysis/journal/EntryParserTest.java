package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryParserTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EntryParser parser = new EntryParser(100, Duration.ofHours(24),
            Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC));

    private EntryDraft parse(String text) throws Exception {
        return parser.parse(json.readTree(text));
    }

    private InvalidEntryException invalid(String text) {
        return assertThrows(InvalidEntryException.class, () -> parse(text));
    }

    @Test
    void onlyTextIsRequired() throws Exception {
        EntryDraft d = parse("{\"text\": \"hi\"}");
        assertEquals("hi", d.text());
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), d.writtenAt().toInstant());
        assertTrue(d.tags().isEmpty());
    }

    @Test
    void keepsTheWritersOffsetAndCleansTags() throws Exception {
        EntryDraft d = parse("{\"text\": \"x\", \"writtenAt\": \"2026-11-01T08:30:00+02:00\", \"title\": \"  T \", \"tags\": [\" a\", \"a\", \"b\"]}");
        assertEquals(7200, d.writtenAt().getOffset().getTotalSeconds());
        assertEquals("T", d.title());
        assertEquals(java.util.List.of("a", "b"), d.tags());
    }

    @Test
    void namesTheFieldOfEveryProblem() {
        assertEquals("text", invalid("{}").field());
        assertEquals("text", invalid("{\"text\": true}").field());
        assertEquals("writtenAt", invalid("{\"text\": \"x\", \"writtenAt\": 5}").field());
        assertTrue(invalid("{\"text\": \"x\", \"writtenAt\": \"2026-11-01T08:30:00\"}").getMessage().contains("time zone"));
        assertTrue(invalid("{\"text\": \"x\", \"writtenAt\": \"2026-11-21T13:00:00Z\"}").getMessage().contains("future"));
        assertTrue(invalid("{\"text\": \"x\", \"writtenAt\": \"1850-01-01T00:00:00Z\"}").getMessage().contains("1900"));
        assertEquals("title", invalid("{\"text\": \"x\", \"title\": [1]}").field());
        assertEquals("tags", invalid("{\"text\": \"x\", \"tags\": [1]}").field());
        assertEquals("mood", invalid("{\"text\": \"x\", \"mood\": 1}").field());
        assertTrue(invalid("{\"text\": \"" + "y".repeat(101) + "\"}").tooLarge());
        assertTrue(invalid("[]").getMessage().contains("JSON object"));
    }

    @Test
    void refusesNulCharactersThatPostgresqlCannotStore() {
        assertTrue(invalid("{\"text\": \"a\\u0000b\"}").getMessage().contains("NUL"));
        assertEquals("title", invalid("{\"text\": \"x\", \"title\": \"\\u0000\"}").field());
        assertEquals("tags", invalid("{\"text\": \"x\", \"tags\": [\"a\\u0000\"]}").field());
    }

    @Test
    void acceptsTheReadOnlyFieldsOfAnExport() throws Exception {
        EntryDraft d = parse("{\"id\": \"abc\", \"text\": \"x\", \"createdAt\": \"2026-01-01T00:00:00Z\", \"results\": []}");
        assertEquals("x", d.text());
    }
}
