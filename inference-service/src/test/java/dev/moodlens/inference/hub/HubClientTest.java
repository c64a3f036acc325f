package dev.moodlens.inference.hub;

import dev.moodlens.inference.model.ModelReference;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hub client against a fake Hub on localhost. A Quarkus test because SmallRye Fault Tolerance's
 * programmatic API lives in the CDI container.
 */
@QuarkusTest
class HubClientTest {

    static final String REPO = "acme/tiny-sentiment";
    static final List<String> REQUIRED = List.of("config.json", "tokenizer.json", "onnx/model.onnx");
    static final List<String> OPTIONAL = List.of("tokenizer_config.json", "special_tokens_map.json");

    @TempDir
    Path cache;
    FakeHub hub;
    byte[] onnx;
    Map<String, byte[]> files;

    @BeforeEach
    void start() throws Exception {
        onnx = new byte[300_000];
        new Random(7).nextBytes(onnx);
        files = Map.of(
                "config.json", "{\"id2label\":{\"0\":\"negative\",\"1\":\"positive\"}}".getBytes(StandardCharsets.UTF_8),
                "tokenizer.json", "{\"model\":{}}".getBytes(StandardCharsets.UTF_8),
                "tokenizer_config.json", "{\"model_max_length\":128}".getBytes(StandardCharsets.UTF_8),
                "onnx/model.onnx", onnx);
        hub = new FakeHub().repo(REPO, files);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubClient client() {
        return client(HubSettings.forTest(hub.endpoint(), cache, false));
    }

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    HubClient client(HubSettings settings) {
        return new HubClient(settings, meters);
    }

    HubSnapshot fetch(HubClient client, String revision) {
        return client.snapshot(new HubRepo(REPO, revision), REQUIRED, OPTIONAL);
    }

    /** Body downloads of one file: LFS files from the CDN (the resolve GET only redirects), others directly. */
    long getsOf(String file) {
        return hub.seen().stream().filter(s -> s.method().equals("GET") && (file.endsWith(".onnx")
                ? s.path().equals("/cdn/" + REPO.replace('/', '_') + "/" + file.replace('/', '_'))
                : s.path().matches("/" + REPO + "/resolve/[^/]+/" + file))).count();
    }

    @Test
    void firstStartDownloadsEachFileOnceAndSecondStartMakesNoRequest() throws Exception {
        HubSnapshot first = fetch(client(), "main");
        assertFalse(first.fromCache());
        assertEquals(FakeHub.COMMIT, first.commit());
        assertArrayEquals(onnx, Files.readAllBytes(first.dir().resolve("onnx/model.onnx")));
        assertTrue(meters.counter("moodlens.hub.bytes").count() >= onnx.length);
        for (String file : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx")) {
            assertEquals(1, getsOf(file), file);
        }
        // huggingface_hub's layout: blob named by sha256, snapshot symlink, ref, .no_exist marker
        Path repoDir = cache.resolve("models--acme--tiny-sentiment");
        assertTrue(Files.isRegularFile(repoDir.resolve("blobs").resolve(FakeHub.sha256(onnx))));
        assertTrue(Files.isSymbolicLink(repoDir.resolve("snapshots").resolve(FakeHub.COMMIT).resolve("onnx/model.onnx")));
        assertEquals(FakeHub.COMMIT, Files.readString(repoDir.resolve("refs/main")).trim());
        assertTrue(Files.exists(repoDir.resolve(".no_exist").resolve(FakeHub.COMMIT).resolve("special_tokens_map.json")));

        hub.reset();
        HubSnapshot pinned = fetch(client(), FakeHub.COMMIT);
        assertTrue(pinned.fromCache());
        assertEquals(0, hub.seen().size(), "a pinned commit in the cache costs no request");

        HubSnapshot branch = fetch(client(), "main");
        assertTrue(branch.fromCache());
        assertEquals(1, hub.count("HEAD"), "a branch costs one metadata request");
        assertEquals(0, hub.count("GET"));
    }

    @Test
    void retryAfterOneSecondIsHonoured() {
        hub.fault((r, n) -> n == 1 ? FakeHub.Injected.status(429, Map.of("Retry-After", "1")) : null);
        HubSnapshot snapshot = fetch(client(), "main");
        assertEquals(FakeHub.COMMIT, snapshot.commit());
        List<FakeHub.Seen> seen = hub.seen();
        long gap = seen.get(1).atNanos() - seen.get(0).atNanos();
        assertTrue(gap >= 950_000_000L, "waited only " + gap / 1_000_000 + " ms");
    }

    @Test
    void rateLimitResetIsHonoured() {
        hub.fault((r, n) -> n == 1 ? FakeHub.Injected.status(429, Map.of("RateLimit", "\"api\";r=0;t=1")) : null);
        fetch(client(), "main");
        List<FakeHub.Seen> seen = hub.seen();
        assertTrue(seen.get(1).atNanos() - seen.get(0).atNanos() >= 950_000_000L);
    }

    @Test
    void unavailableForeverGivesUpWithinTheBound() {
        hub.fault((r, n) -> FakeHub.Injected.status(503, Map.of()));
        HubSettings settings = HubSettings.forTest(hub.endpoint(), cache, false).withMaxRetries(3, Duration.ofSeconds(5));
        long start = System.nanoTime();
        HubException e = assertThrows(HubException.class, () -> fetch(client(settings), "main"));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(4, hub.seen().size(), "one try and three retries");
        assertEquals(3.0, meters.counter("moodlens.hub.retries", "status", "503").count());
        assertEquals(4.0, meters.counter("moodlens.hub.requests", "method", "HEAD", "status", "503").count());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void retryAfterBeyondTheBudgetFailsAtOnce() {
        hub.fault((r, n) -> FakeHub.Injected.status(429, Map.of("Retry-After", "3600")));
        HubException e = assertThrows(HubException.class, () -> fetch(client(), "main"));
        assertTrue(e.getMessage().contains("3600"), e.getMessage());
        assertEquals(1, hub.seen().size());
    }

    @Test
    void cutBodyResumesWithRange() throws Exception {
        hub.fault((r, n) -> r.path().startsWith("/cdn/") && r.range() == null ? FakeHub.Injected.cut(100_000) : null);
        HubSnapshot snapshot = fetch(client(), "main");
        assertArrayEquals(onnx, Files.readAllBytes(snapshot.dir().resolve("onnx/model.onnx")));
        List<FakeHub.Seen> cdn = hub.seen().stream().filter(s -> s.path().startsWith("/cdn/")).toList();
        assertEquals(2, cdn.size());
        assertTrue(cdn.get(1).range().startsWith("bytes="), "second GET resumes: " + cdn.get(1).range());
        assertFalse(cdn.get(1).range().equals("bytes=0-"));
    }

    @Test
    void wrongChecksumIsDiscardedFetchedOnceMoreThenFailsClearly() throws Exception {
        hub.fault((r, n) -> r.path().startsWith("/cdn/") ? FakeHub.Injected.corrupted() : null);
        HubException e = assertThrows(HubException.class, () -> fetch(client(), "main"));
        assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains(REPO)
                && e.getMessage().contains("onnx/model.onnx"), e.getMessage());
        assertEquals(2, hub.seen().stream().filter(s -> s.path().startsWith("/cdn/")).count());
        try (var files = Files.walk(cache)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".incomplete")), "no partial file left");
        }
    }

    @Test
    void wrongChecksumOnceIsRepairedByTheSecondFetch() throws Exception {
        hub.fault((r, n) -> r.path().startsWith("/cdn/") && hub.gets("/cdn/") == 1 ? FakeHub.Injected.corrupted() : null);
        HubSnapshot snapshot = fetch(client(), "main");
        assertArrayEquals(onnx, Files.readAllBytes(snapshot.dir().resolve("onnx/model.onnx")));
    }

    @Test
    void notFoundMakesOneRequestAndSaysWhat() {
        HubException e = assertThrows(HubNotFoundException.class,
                () -> client().snapshot(new HubRepo("acme/missing", "main"), REQUIRED, OPTIONAL));
        assertEquals(1, hub.seen().size());
        assertTrue(e.getMessage().contains("acme/missing") && e.getMessage().contains("main")
                && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void eightConcurrentLoadsMakeOneDownload() throws Exception {
        HubClient client = client();
        HubClient replica = client(); // a second client on the same cache, like a replica on one volume
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HubSnapshot>> loads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HubClient c = i % 2 == 0 ? client : replica;
            loads.add(pool.submit(() -> {
                go.await();
                return fetch(c, "main");
            }));
        }
        go.countDown();
        for (Future<HubSnapshot> load : loads) {
            assertEquals(FakeHub.COMMIT, load.get().commit());
        }
        pool.shutdown();
        assertEquals(1, hub.gets("/cdn/"), "one body download of the model");
        assertEquals(1, getsOf("config.json"));
    }

    @Test
    void offlineMakesNoRequest() {
        HubClient offline = client(HubSettings.forTest(hub.endpoint(), cache, true));
        HubException e = assertThrows(HubException.class, () -> fetch(offline, "main"));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"), e.getMessage());
        assertEquals(0, hub.seen().size());

        fetch(client(), "main");
        hub.reset();
        HubSnapshot cached = fetch(offline, "main");
        assertTrue(cached.fromCache());
        assertEquals(0, hub.seen().size());
    }

    @Test
    void failingBranchCheckServesTheCacheWithoutRetrying() {
        fetch(client(), "main");
        hub.reset();
        hub.fault((r, n) -> FakeHub.Injected.status(429, Map.of("Retry-After", "30")));
        HubSnapshot cached = fetch(client(), "main");
        assertTrue(cached.fromCache());
        assertEquals(1, hub.seen().size());
    }

    @Test
    void forbiddenFailsAtOnce() {
        hub.fault((r, n) -> FakeHub.Injected.status(401, Map.of()));
        HubException e = assertThrows(HubException.class, () -> fetch(client(), "main"));
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains(REPO), e.getMessage());
        assertEquals(1, hub.seen().size());
    }

    // ---- finding 5: revisions, ETags and redirects cannot lead outside the cache or leak the token ------

    @Test
    void finding5RevisionThatIsAPathIsRefused(@TempDir Path elsewhere) {
        Path target = elsewhere.resolve("x");
        for (String revision : List.of(target.toString(), "/tmp/x", "..", ".", "../x", "a/b", "a\\b", ".hidden",
                "a..b", "main ", "", "r".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> new HubRepo(REPO, revision), revision);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelReference.parse("hf://org/name@" + target));
        assertTrue(e.getMessage().contains("revision"), e.getMessage());
        for (String revision : List.of("main", "v1.0", "release_2024-01", FakeHub.COMMIT, "r".repeat(128))) {
            assertDoesNotThrow(() -> new HubRepo(REPO, revision), revision);
        }
        // and whatever names a cache path is checked to stay in the repo's folder
        HubCache hubCache = new HubCache(cache);
        HubRepo repo = new HubRepo(REPO, "main");
        Path repoDir = hubCache.repoDir(repo);
        for (String file : List.of(target.toString(), "../../refs/main", "..", "", "onnx/../../x")) {
            assertThrows(HubException.class, () -> hubCache.snapshotFile(repo, FakeHub.COMMIT, file), file);
            assertThrows(HubException.class, () -> hubCache.markMissing(repo, FakeHub.COMMIT, file), file);
        }
        assertThrows(HubException.class, () -> hubCache.snapshotDir(repo, "../x"));
        assertTrue(hubCache.snapshotFile(repo, FakeHub.COMMIT, "onnx/model.onnx").startsWith(repoDir));
        assertFalse(Files.exists(target), "nothing written outside the cache");
    }

    @Test
    void finding5EtagThatIsADotIsRefused() throws Exception {
        for (String etag : List.of("..", ".", "\"../x\"", "a/b")) {
            hub.reset();
            hub.fault((r, n) -> r.method().equals("HEAD") ? FakeHub.Injected.status(200,
                    Map.of("ETag", etag, "X-Repo-Commit", FakeHub.COMMIT, "X-Linked-Size", "10")) : null);
            HubException e = assertThrows(HubException.class, () -> fetch(client(), "main"), etag);
            assertTrue(e.getMessage().contains("ETag"), e.getMessage());
            assertEquals(0, hub.count("GET"), "nothing fetched for ETag " + etag);
        }
        HubCache hubCache = new HubCache(cache);
        HubRepo repo = new HubRepo(REPO, "main");
        assertThrows(HubException.class, () -> hubCache.blob(repo, ".."));
        assertThrows(HubException.class, () -> hubCache.lockFile(repo, "../../x"));
        try (var files = Files.walk(cache)) {
            assertTrue(files.noneMatch(Files::isRegularFile), "no file written");
        }
    }

    @Test
    void finding5TokenIsSentOnHeadRedirectsOnlyToTheEndpointsHost() throws Exception {
        // "another host": a second server on another port (same scheme, host and port is the rule)
        try (FakeHub other = new FakeHub().repo(REPO, files)) {
            hub.fault((r, n) -> r.method().equals("HEAD")
                    ? FakeHub.Injected.status(307, Map.of("Location", other.endpoint() + r.path())) : null);
            HubClient client = client(HubSettings.forTest(hub.endpoint(), cache, false).withToken("hf_secret"));
            fetch(client, "main");
            assertTrue(other.count("HEAD") >= 1, "the redirect was followed");
            assertTrue(other.seen().stream().allMatch(s -> s.authorization() == null),
                    "no token to another host: " + other.seen());
            assertTrue(hub.seen().stream().filter(s -> s.path().contains("/resolve/"))
                    .allMatch(s -> "Bearer hf_secret".equals(s.authorization())), "the endpoint gets the token");

            URI endpoint = hub.endpoint();
            assertTrue(client.sameHost(endpoint.resolve("/acme/x/resolve/main/config.json")));
            assertFalse(client.sameHost(other.endpoint().resolve("/x")));
            assertFalse(client.sameHost(URI.create("https://127.0.0.1:" + endpoint.getPort() + "/x")), "scheme");
            assertFalse(client.sameHost(URI.create("http://localhost:" + endpoint.getPort() + "/x")), "host");
        }
    }

    // ---- finding 20: a cache filled by another client (huggingface.js) offline ---------------------------

    /** What huggingface.js leaves: only the files it was asked for, no .no_exist markers. */
    private void keepOnlyRequiredFiles() throws Exception {
        fetch(client(), "main");
        Path repoDir = cache.resolve("models--acme--tiny-sentiment");
        try (var walk = Files.walk(repoDir.resolve(".no_exist"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.delete(repoDir.resolve("snapshots").resolve(FakeHub.COMMIT).resolve("tokenizer_config.json"));
        hub.reset();
    }

    @Test
    void finding20OfflineCacheFromAnotherClientServesWithoutOptionalFiles() throws Exception {
        keepOnlyRequiredFiles();
        HubSnapshot snapshot = fetch(client(HubSettings.forTest(hub.endpoint(), cache, true)), "main");
        assertTrue(snapshot.fromCache());
        assertEquals(FakeHub.COMMIT, snapshot.commit());
        assertTrue(Files.isRegularFile(snapshot.dir().resolve("onnx/model.onnx")));
        assertFalse(Files.exists(snapshot.dir().resolve("special_tokens_map.json")));
        assertEquals(0, hub.seen().size(), "offline makes no request");
        // pinned too
        assertTrue(fetch(client(HubSettings.forTest(hub.endpoint(), cache, true)), FakeHub.COMMIT).fromCache());
    }

    @Test
    void finding20OfflineMissingRequiredFileIsNamedWithoutLocalPaths() throws Exception {
        keepOnlyRequiredFiles();
        Files.delete(cache.resolve("models--acme--tiny-sentiment/snapshots").resolve(FakeHub.COMMIT)
                .resolve("onnx/model.onnx"));
        HubClient offline = client(HubSettings.forTest(hub.endpoint(), cache, true));
        HubException e = assertThrows(HubException.class, () -> fetch(offline, "main"));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE") && e.getMessage().contains("required file onnx/model.onnx")
                && e.getMessage().contains(REPO), e.getMessage());
        assertFalse(e.getMessage().contains(cache.toString()), "no local path: " + e.getMessage());

        HubException never = assertThrows(HubException.class,
                () -> offline.snapshot(new HubRepo("acme/never-cached", "main"), REQUIRED, OPTIONAL));
        assertTrue(never.getMessage().contains("acme/never-cached") && never.getMessage().contains("no snapshot"),
                never.getMessage());
        assertFalse(never.getMessage().contains(cache.toString()), never.getMessage());
        assertEquals(0, hub.seen().size());
    }
}
