package dev.moodlens.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * What every hand-written HTTP stand-in of the services' tests needs (the inference service for analysis and chat,
 * analysis and the LLM endpoint for chat, the Hub for inference): a JDK server on a free loopback port, its URL,
 * and a text answer. Each stand-in keeps only what it answers.
 */
public final class StandInHttp {

    /** Answers one request; the exchange is closed afterwards whatever happens. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private StandInHttp() {
    }

    /**
     * A started server on 127.0.0.1 and a free port, answering requests under {@code path} ("/" for all) with
     * {@code handler} on a cached pool (no request waits for another). A handler's exception is printed and the
     * exchange closed, so the client sees the connection end and the test's log says why.
     */
    public static HttpServer start(String path, Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(path, exchange -> {
                try (exchange) {
                    handler.handle(exchange);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's base URL, without a trailing slash. */
    public static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code status} with {@code body} as UTF-8 of {@code contentType}, with its length. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
