package dev.moodlens.systemtests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.access.UserIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A small blocking HTTP client for the tests: raw bytes in, status/headers/body out. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private Http() {
    }

    /** One answer. */
    public record Answer(int status, String contentType, Optional<String> retryAfter, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    public static Answer get(String url) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), url, null).GET());
    }

    public static Answer post(String url, String contentType, byte[] body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), url, body).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static Answer put(String url, String contentType, byte[] body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), url, body).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * POST or PUT, the body sent with a Content-Length or, when {@code chunked}, as a chunked stream of unknown
     * length (the way around limits that only look at Content-Length).
     */
    public static Answer send(String method, String url, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(authorized(HttpRequest.newBuilder(URI.create(url)), url, body).header("Content-Type", contentType)
                .method(method, publisher));
    }

    /** The same call without any token. */
    public static Answer anonymous(HttpRequest.Builder request) {
        return send(request);
    }

    /**
     * Signs the call as the real callers would: analysis and inference calls with a service token (as
     * the chat service makes them), chat calls with the token of the user they name (the "user" query
     * parameter or body field, as the page does after logging in; "system-user" when none is named or the
     * name breaks the suite's user-id rule, common UserIds, as no account could have it).
     */
    static HttpRequest.Builder authorized(HttpRequest.Builder request, String url, byte[] body) {
        URI uri = URI.create(url);
        String path = uri.getPath();
        SuiteKeys keys = SuiteKeys.get();
        if (!path.startsWith("/v1/chat") && !path.startsWith("/v1/conversations") && !path.startsWith("/v1/journal")) {
            return path.startsWith("/v1/") ? request.header("Authorization", "Bearer " + keys.service()) : request;
        }
        String user = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("user=")) {
                    user = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                }
            }
        }
        if (user == null && body != null) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json != null && json.path("user").isTextual()) {
                    user = json.path("user").asText();
                }
            } catch (IOException | RuntimeException e) {
                // not JSON (the fuzz test sends such bodies): nobody named
            }
        }
        boolean valid = user != null && UserIds.isValid(user.strip());
        return request.header("Authorization", "Bearer " + keys.user(valid ? user.strip() : "system-user"));
    }

    public static Answer postJson(String url, Object body) {
        try {
            return post(url, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After"),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of a Prometheus counter or gauge summed over the series whose labels contain every given label. */
    public static double metric(String baseUrl, String name, String... labels) {
        double sum = 0;
        for (String line : get(baseUrl + "/q/metrics").body().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
