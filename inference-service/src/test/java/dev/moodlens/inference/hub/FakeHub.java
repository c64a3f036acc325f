package dev.moodlens.inference.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.moodlens.common.testing.StandInHttp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Hugging Face Hub that speaks the resolve protocol with the Hub's headers:
 * HEAD/GET {@code /{repo}/resolve/{revision}/{file}}; small files answer directly with {@code ETag} (a git
 * sha1) and {@code X-Repo-Commit}; LFS files ({@code *.onnx}) redirect to {@code /cdn/<sha256>} with
 * {@code X-Linked-Etag}/{@code X-Linked-Size}; the CDN honours {@code Range}. Counts every request and
 * lets a test inject failures.
 */
public final class FakeHub implements AutoCloseable {

    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /** One request as the fake saw it ({@code authorization}: the header sent, or null). */
    public record Seen(String method, String path, String range, long atNanos, String authorization) {
    }

    /** Decides a request's fate: return null to serve normally. */
    @FunctionalInterface
    public interface Fault {
        Injected apply(Seen request, int count);
    }

    /** An injected answer: a status with headers, a cut body (bytes sent), or a corrupted body. */
    public record Injected(int status, Map<String, String> headers, int cutAfter, boolean corrupt) {
        public static Injected status(int status, Map<String, String> headers) {
            return new Injected(status, headers, -1, false);
        }

        public static Injected cut(int bytes) {
            return new Injected(0, Map.of(), bytes, false);
        }

        public static Injected corrupted() {
            return new Injected(0, Map.of(), -1, true);
        }
    }

    private final HttpServer server;
    private final Map<String, Map<String, byte[]>> repos = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Fault fault = (r, n) -> null;

    public FakeHub() throws IOException {
        server = StandInHttp.start("/", this::handle);
    }

    public URI endpoint() {
        return URI.create(StandInHttp.url(server));
    }

    public FakeHub repo(String id, Map<String, byte[]> files) {
        repos.put(id, new ConcurrentHashMap<>(files));
        return this;
    }

    public FakeHub fault(Fault fault) {
        this.fault = fault;
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long count(String method) {
        return seen.stream().filter(s -> s.method().equals(method)).count();
    }

    public long gets(String pathPart) {
        return seen.stream().filter(s -> s.method().equals("GET") && s.path().contains(pathPart)).count();
    }

    public void reset() {
        seen.clear();
        count.set(0);
        fault = (r, n) -> null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Seen request = new Seen(method, path, exchange.getRequestHeaders().getFirst("Range"), System.nanoTime(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            seen.add(request);
            Injected injected = fault.apply(request, count.incrementAndGet());
            if (injected != null && injected.status() > 0) {
                injected.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.getResponseHeaders().add("X-Error-Message", "injected " + injected.status());
                exchange.sendResponseHeaders(injected.status(), -1);
                return;
            }
            if (path.startsWith("/cdn/")) {
                serveBlob(exchange, path.substring("/cdn/".length()), injected);
                return;
            }
            int resolve = path.indexOf("/resolve/");
            if (resolve < 0) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String repo = path.substring(1, resolve);
            String rest = path.substring(resolve + "/resolve/".length());
            int slash = rest.indexOf('/');
            String revision = rest.substring(0, slash);
            String file = rest.substring(slash + 1);
            Map<String, byte[]> files = repos.get(repo);
            if (files == null || !(revision.equals("main") || revision.equals(COMMIT))) {
                exchange.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = files.get(file);
            if (body == null) {
                exchange.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
                exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.add("X-Repo-Commit", COMMIT);
            if (file.endsWith(".onnx")) {
                String sha = sha256(body);
                headers.add("X-Linked-Etag", "\"" + sha + "\"");
                headers.add("X-Linked-Size", Integer.toString(body.length));
                headers.add("ETag", "\"" + sha1(file) + "\"");
                headers.add("Location", "/cdn/" + repo.replace('/', '_') + "/" + file.replace('/', '_'));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            headers.add("ETag", "\"" + sha1(new String(body)) + "\"");
            if (method.equals("HEAD")) {
                headers.add("X-Linked-Size", Integer.toString(body.length)); // stands in for Content-Length
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            send(exchange, body, injected, null);
        }
    }

    private void serveBlob(HttpExchange exchange, String key, Injected injected) throws IOException {
        int slash = key.indexOf('/');
        Map<String, byte[]> files = repos.get(key.substring(0, slash).replace('_', '/'));
        byte[] body = files == null ? null : files.get(key.substring(slash + 1).replace('_', '/'));
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        send(exchange, body, injected, exchange.getRequestHeaders().getFirst("Range"));
    }

    private static void send(HttpExchange exchange, byte[] body, Injected injected, String range) throws IOException {
        byte[] out = body;
        if (injected != null && injected.corrupt()) {
            out = body.clone();
            out[out.length / 2] ^= 0x55;
        }
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + from + "-" + (out.length - 1) + "/" + out.length);
            exchange.sendResponseHeaders(206, out.length - from);
        } else {
            exchange.sendResponseHeaders(200, out.length);
        }
        OutputStream stream = exchange.getResponseBody();
        if (injected != null && injected.cutAfter() >= 0) {
            stream.write(out, from, Math.min(injected.cutAfter(), out.length - from));
            stream.flush();
            // drop the connection mid-body, as a proxy or flaky network would
            throw new IOException("cut by the fake hub");
        }
        stream.write(out, from, out.length - from);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
