package dev.moodlens.common.problem;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterHeaderTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfterHeader.parse(" 7 ", NOON));
        assertEquals(Optional.of(Duration.ofSeconds(10)), RetryAfterHeader.parse("Sat, 05 Dec 2026 12:00:10 GMT", NOON));
    }

    @Test
    void neverAsksForANegativeWait() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfterHeader.parse("-3", NOON));
        assertEquals(Optional.of(Duration.ZERO), RetryAfterHeader.parse("Sat, 05 Dec 2026 11:59:00 GMT", NOON));
    }

    @Test
    void unreadableValuesSayNothing() {
        assertEquals(Optional.empty(), RetryAfterHeader.parse("soon", NOON));
        assertEquals(Optional.empty(), RetryAfterHeader.parse(null, NOON));
    }
}
