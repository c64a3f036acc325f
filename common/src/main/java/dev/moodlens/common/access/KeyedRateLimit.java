package dev.moodlens.common.access;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (capacity {@code limit}, refilled evenly over {@code window}) in a bounded map.
 * Review finding 18: the former per-name map scanned every entry on each request once it held 10,000 keys
 * (and kept growing while those were spent). Here the map is in access order: a request looks at its own
 * key and drops the least recently used ones only while they are back at a full budget (forgetting them
 * changes nothing), and beyond {@code maxKeys} the least recently used key goes, so memory is bounded and
 * each request does constant work. One lock: the critical section is a few arithmetic steps.
 */
public final class KeyedRateLimit {

    /** Keys held per budget unless a limit says otherwise: the suite's per-user and per-client limits all use it. */
    public static final int TRACKED = 10_000;

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Budget> budgets;

    public KeyedRateLimit(int limit, Duration window, int maxKeys, LongSupplier nanoClock) {
        if (limit <= 0 || window.isZero() || window.isNegative() || maxKeys <= 0) {
            throw new IllegalArgumentException("limit, window and maxKeys must be positive");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.budgets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Budget> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public KeyedRateLimit(int limit, Duration window, int maxKeys) {
        this(limit, window, maxKeys, System::nanoTime);
    }

    /** Takes one unit of the key's budget: 0 when granted, else the whole seconds until one is back. */
    public long acquire(String key) {
        long now = nanoClock.getAsLong();
        synchronized (budgets) {
            forgetRefilled(now);
            Budget budget = budgets.get(key);
            if (budget == null) {
                budget = new Budget(limit, now);
                budgets.put(key, budget);
            }
            budget.refill(now, limit, windowNanos);
            if (budget.tokens >= 1) {
                budget.tokens -= 1;
                return 0;
            }
            double missing = 1 - budget.tokens;
            long nanos = (long) Math.ceil(missing * windowNanos / limit);
            return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    /** Keys currently held (for tests and the bound). */
    public int tracked() {
        synchronized (budgets) {
            return budgets.size();
        }
    }

    /** Expiry from the least recently used end: stops at the first key still below its full budget. */
    private void forgetRefilled(long now) {
        Iterator<Budget> eldest = budgets.values().iterator();
        while (eldest.hasNext()) {
            Budget budget = eldest.next();
            if (now - budget.at < windowNanos) {
                return; // used within the window: it and every newer key may still be short
            }
            eldest.remove();
        }
    }

    private static final class Budget {
        double tokens;
        long at;

        Budget(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, int limit, long windowNanos) {
            if (now > at) {
                tokens = Math.min(limit, tokens + (double) (now - at) * limit / windowNanos);
                at = now;
            }
        }
    }
}
