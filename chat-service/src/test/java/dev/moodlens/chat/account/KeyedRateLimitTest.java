package dev.moodlens.chat.account;

import dev.moodlens.chat.config.ChatConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

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

    @Test
    void finding18LoginThrottleNamesAreBounded() {
        LoginThrottle throttle = new LoginThrottle(config(1, 0));
        for (int i = 0; i < LoginThrottle.TRACKED * 3; i++) {
            throttle.attempt("user-" + i, "10.0.0." + (i % 200));
        }
        assertEquals(LoginThrottle.TRACKED, throttle.trackedNames());
    }

    /** A ChatConfig with the given login budgets (per name and client, per client; 0 = none). */
    private static ChatConfig config(int perNameAndClient, int perClient) {
        ChatConfig.Auth auth = (ChatConfig.Auth) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] {ChatConfig.Auth.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "loginAttemptsPerMinute" -> perNameAndClient;
                    case "loginAttemptsPerClientPerMinute" -> perClient;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ChatConfig) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("auth")) {
                        return auth;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
