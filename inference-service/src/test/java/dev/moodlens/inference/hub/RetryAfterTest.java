package dev.moodlens.inference.hub;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    @Test
    void readsSecondsDatesAndRateLimitResets() {
        assertEquals(1000, RetryAfter.millis(headers(Map.of("Retry-After", "1"))));
        assertEquals(55_000, RetryAfter.millis(headers(Map.of("RateLimit", "\"api\";r=0;t=55"))));
        assertEquals(7_000, RetryAfter.millis(headers(Map.of("RateLimit", "limit=100, remaining=0, reset=7"))));
        assertEquals(-1, RetryAfter.millis(headers(Map.of())));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        long millis = RetryAfter.millis(headers(Map.of("Retry-After", inTenSeconds)));
        assertTrue(millis > 8_000 && millis <= 10_000, "" + millis);
    }

    @Test
    void backoffDoublesWithJitterAndHonoursTheServer() {
        HubBackoff backoff = new HubBackoff(1000, 8000);
        backoff.init(1000);
        long first = backoff.nextDelayInMillis(new HubRetryableException("x", -1, null));
        long second = backoff.nextDelayInMillis(new HubRetryableException("x", -1, null));
        assertTrue(first >= 500 && first <= 1000, "" + first);
        assertTrue(second >= 1000 && second <= 2000, "" + second);
        long told = backoff.nextDelayInMillis(new HubRetryableException("x", 3000, null));
        assertTrue(told >= 3000 && told < 3500, "" + told);
        for (int i = 0; i < 10; i++) {
            assertTrue(backoff.nextDelayInMillis(new HubRetryableException("x", -1, null)) <= 8000);
        }
    }

    @Test
    void normalizesEtags() {
        assertEquals("abc", HubClient.normalizeEtag("W/\"abc\""));
        assertEquals("abc", HubClient.normalizeEtag("\"abc\""));
    }
}
