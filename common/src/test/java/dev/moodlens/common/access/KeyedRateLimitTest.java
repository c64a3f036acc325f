package dev.moodlens.common.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review finding 18: the per-key budgets stay bounded, expire, and are not scanned per request. */
class KeyedRateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void finding18ManyExhaustedKeysStayBoundedWithoutScanningThem() {
        KeyedRateLimit limit = new KeyedRateLimit(1, Duration.ofMinutes(1), 1_000, now::get);
        // Every key spent (the former map kept all of these and scanned them all on every request).
        for (int i = 0; i < 200_000; i++) {
            assertEquals(0, limit.acquire("name-" + i));
        }
        assertEquals(1_000, limit.tracked());
        // The most recent keys are still held and still spent.
        assertTrue(limit.acquire("name-199999") > 0);
    }

    @Test
    void finding18KeysExpireOnceTheirWindowHasPassed() {
        KeyedRateLimit limit = new KeyedRateLimit(2, Duration.ofMinutes(1), 1_000, now::get);
        limit.acquire("a");
        limit.acquire("b");
        assertEquals(2, limit.tracked());
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        limit.acquire("c");
        assertEquals(1, limit.tracked(), "a and b are back at a full budget: forgotten");
    }

    @Test
    void budgetRefillsEvenlyAndTellsHowLongToWait() {
        KeyedRateLimit limit = new KeyedRateLimit(10, Duration.ofMinutes(1), 100, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limit.acquire("k"));
        }
        assertEquals(6, limit.acquire("k"), "one attempt back every 6 s");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(0, limit.acquire("k"));
        assertTrue(limit.acquire("k") > 0);
        assertEquals(0, limit.acquire("other"), "keys have their own budgets");
    }
}
