package dev.moodlens.chat.conversation;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat migrations also run on H2 in PostgreSQL mode, the launcher's fallback when no PostgreSQL exists. */
class MigrationPortabilityTest {

    @Test
    void migratesAndStoresOnH2InPostgresMode() throws Exception {
        String url = "jdbc:h2:mem:chat-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").schemas("chat").defaultSchema("chat")
                .locations("classpath:db/migration").load().migrate();
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into chat.conversation (id, user_id, title, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, "alice");
                insert.setString(3, "First");
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into chat.chat_message (conversation_id, role, content, analysis, created_at) values (?, 'user', ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, "x".repeat(4000));
                insert.setString(3, "{\"emotion\":{\"label\":\"joy\"}}");
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (ResultSet rows = db.createStatement().executeQuery("select id, length(content) from chat.chat_message")) {
                assertTrue(rows.next());
                assertTrue(rows.getLong(1) > 0, "identity ids are generated");
                assertEquals(4000, rows.getInt(2));
            }
        }
    }
}
