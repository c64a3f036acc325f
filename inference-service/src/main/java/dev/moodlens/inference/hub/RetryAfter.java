package dev.moodlens.inference.hub;

import dev.moodlens.common.problem.RetryAfterHeader;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the Hub asks us to wait: {@code Retry-After} (seconds or an HTTP date) or the reset time of
 * the {@code RateLimit} header ({@code "api";r=0;t=55}, or the older {@code reset=55}).
 */
final class RetryAfter {

    private static final Pattern RESET = Pattern.compile("(?:^|[;,\\s])(?:t|reset)=(\\d+)");

    private RetryAfter() {
    }

    /** Milliseconds to wait, or -1 when the response says nothing. */
    static long millis(HttpHeaders headers) {
        long retryAfter = headers.firstValue("Retry-After").flatMap(RetryAfterHeader::parse).map(Duration::toMillis).orElse(-1L);
        if (retryAfter >= 0) {
            return retryAfter;
        }
        return headers.firstValue("RateLimit").map(RetryAfter::parseRateLimit).orElse(-1L);
    }

    static long parseRateLimit(String value) {
        Matcher m = RESET.matcher(value);
        return m.find() ? Long.parseLong(m.group(1)) * 1000 : -1;
    }
}
