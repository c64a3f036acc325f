package dev.moodlens.common;

import dev.moodlens.common.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatabaseOutageTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void connectionFailuresAnywhereInTheChainAre503WithRetryAfter() {
        Response refused = mappers.unexpected(new IllegalStateException("tx failed",
                new SQLException("Connection refused", "08001")), null);
        assertEquals(503, refused.getStatus());
        assertEquals("5", refused.getHeaderString("Retry-After"));
        assertEquals(503, mappers.unexpected(new RuntimeException(new SQLTransientConnectionException("timeout")), null).getStatus());
    }

    @Test
    void otherFailuresStay500() {
        assertEquals(500, mappers.unexpected(new RuntimeException(new SQLException("bad", "22021")), null).getStatus());
        assertEquals(500, mappers.unexpected(new IllegalStateException("boom"), null).getStatus());
    }
}
