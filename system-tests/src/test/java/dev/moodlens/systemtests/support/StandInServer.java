package dev.moodlens.systemtests.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A stand-in for a remote HTTP dependency (the Hub, an LLM endpoint) that answers every request with a
 * scripted fault: {@code fault.apply(n)} gives the answer to the n-th request (0-based). Requests are counted.
 */
public final class StandInServer implements AutoCloseable {

    /** One scripted answer. */
    public record Fault(int status, String retryAfter, String contentType, String body) {

        public static Fault status(int status) {
            return new Fault(status, null, "application/json", "{\"error\":{\"message\":\"injected " + status + "\"}}");
        }

        public static Fault status(int status, String retryAfter) {
            return new Fault(status, retryAfter, "application/json", "{\"error\":{\"message\":\"injected " + status + "\"}}");
        }
    }

    private final HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    public StandInServer(IntFunction<Fault> fault) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> answer(exchange, fault));
        server.start();
    }

    private void answer(HttpExchange exchange, IntFunction<Fault> fault) throws IOException {
        int n;
        synchronized (seen) {
            n = seen.size();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        }
        exchange.getRequestBody().readAllBytes();
        Fault answer = fault.apply(n);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
