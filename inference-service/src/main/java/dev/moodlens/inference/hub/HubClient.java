package dev.moodlens.inference.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Fetches model files with the Hub's resolve protocol ({@code {endpoint}/{repo}/resolve/{revision}/{file}})
 * into the shared huggingface_hub cache, and never loops:
 * <ul>
 *   <li>cache first: a pinned commit already in the cache costs no request; a branch costs one metadata
 *       request, and any failure of it falls back to the cached snapshot at once, without retrying;</li>
 *   <li>retries (SmallRye Fault Tolerance, one guard and circuit breaker per endpoint) only when nothing
 *       usable is cached, only for 408/429/5xx/timeouts/cuts, bounded in count and in total time, waiting
 *       what Retry-After or RateLimit ask;</li>
 *   <li>one download per blob, in this process (concurrent callers wait) and across processes sharing the
 *       cache (a file lock in the cache's .locks folder, where huggingface_hub keeps its own); bodies go to a process-unique {@code .incomplete} file,
 *       resume with Range, are checked against size and sha256 and moved into place atomically.</li>
 * </ul>
 */
public final class HubClient {

    private static final Logger LOG = Logger.getLogger(HubClient.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-read-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HubSettings settings;
    private final HubCache cache;
    private final HttpClient http;
    private final Guard guard;
    private final MeterRegistry meters;
    private final Counter bytes;
    /** JVM-wide: two clients on one cache must not both take the file lock (that throws in one JVM). */
    private static final ConcurrentHashMap<Path, ReentrantLock> BLOB_LOCKS = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<HubSnapshot>> inFlight = new ConcurrentHashMap<>();

    public HubClient(HubSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.cache = new HubCache(settings.cacheDir());
        this.meters = meters;
        this.bytes = Counter.builder("moodlens.hub.bytes").description("Bytes downloaded from the Hub")
                .baseUnit("bytes").register(meters);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // redirects are followed by hand: no token to the CDN
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.guard = Guard.create()
                .withDescription("hub " + settings.endpoint())
                .withRetry()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(Math.max(1, settings.maxTotal().toMillis()), ChronoUnit.MILLIS)
                    .retryOn(HubRetryableException.class)
                    .withCustomBackoff()
                        .strategy(() -> new HubBackoff(settings.initialBackoff().toMillis(),
                                settings.maxBackoff().toMillis()))
                        .done()
                    .beforeRetry(failure -> meters.counter("moodlens.hub.retries", "status",
                            failure instanceof HubRetryableException r ? r.status() : "error").increment())
                    .done()
                .withCircuitBreaker()
                    .failOn(HubRetryableException.class)
                    .requestVolumeThreshold(Math.max(1, settings.breakerFailures()))
                    .failureRatio(1.0)
                    .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }

    public HubSettings settings() {
        return settings;
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * The model's files at the repo's revision, from the cache when possible. Concurrent callers asking
     * for the same snapshot share one fetch.
     *
     * @param required files that must exist (the first one is used for the metadata request)
     * @param optional files used when the repo has them (a 404 is remembered in .no_exist)
     */
    public HubSnapshot snapshot(HubRepo repo, List<String> required, List<String> optional) {
        try {
            return sharedFetch(repo, required, optional);
        } catch (UncheckedIOException e) {
            // the disk's own message names local paths: those go to the log, not into answers (finding 20)
            LOG.warnf(e, "%s: cannot use the Hub cache at %s", repo, cache.root());
            throw new HubException(repo + ": cannot use the Hub cache (" + e.getCause().getClass().getSimpleName()
                    + "; the service log has the details)", e);
        }
    }

    private HubSnapshot sharedFetch(HubRepo repo, List<String> required, List<String> optional) {
        String key = repo + "|" + required + "|" + optional;
        CompletableFuture<HubSnapshot> mine = new CompletableFuture<>();
        CompletableFuture<HubSnapshot> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            HubSnapshot snapshot = fetchSnapshot(repo, required, optional);
            mine.complete(snapshot);
            return snapshot;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private HubSnapshot fetchSnapshot(HubRepo repo, List<String> required, List<String> optional) {
        Optional<String> cachedCommit = cache.commitOf(repo);
        Optional<HubSnapshot> cached = cachedCommit.filter(c -> complete(repo, c, required, optional))
                .map(c -> new HubSnapshot(repo, c, cache.snapshotDir(repo, c), true));
        if (cached.isPresent() && repo.pinned()) {
            return cached.get();
        }
        if (settings.offline()) {
            return cached.orElseGet(() -> offline(repo, cachedCommit, required, optional));
        }
        if (cached.isPresent()) {
            // A branch: one metadata request tells whether it moved; whatever goes wrong, the cache serves.
            try {
                FileMeta meta = head(repo, repo.revision(), required.get(0));
                if (meta.commit().equals(cached.get().commit())) {
                    return cached.get();
                }
                LOG.infof("%s moved from %s to %s; fetching the new snapshot", repo, cached.get().commit(),
                        meta.commit());
                return download(repo, meta, required, optional);
            } catch (RuntimeException e) {
                LOG.infof("Hub not usable for %s (%s); serving cached snapshot %s", repo, e.getMessage(),
                        cached.get().commit());
                return cached.get();
            }
        }
        FileMeta first = guarded(() -> head(repo, repo.revision(), required.get(0)));
        return download(repo, first, required, optional);
    }

    private HubSnapshot download(HubRepo repo, FileMeta first, List<String> required, List<String> optional) {
        String commit = first.commit();
        HubRepo pinned = new HubRepo(repo.id(), commit);
        boolean downloaded = false;
        List<String> files = new ArrayList<>(required);
        files.addAll(optional);
        for (String file : files) {
            boolean isOptional = !required.contains(file);
            if (cache.has(repo, commit, file) || (isOptional && cache.knownMissing(repo, commit, file))) {
                continue;
            }
            FileMeta meta;
            if (file.equals(first.file())) {
                meta = first;
            } else {
                try {
                    meta = guarded(() -> head(pinned, commit, file));
                } catch (HubNotFoundException e) {
                    if (isOptional) {
                        cache.markMissing(repo, commit, file);
                        continue;
                    }
                    throw e;
                }
            }
            Path blob = cache.blob(repo, meta.etag());
            if (!Files.isRegularFile(blob)) {
                downloadBlob(pinned, meta, blob);
                downloaded = true;
            }
            cache.link(repo, commit, file, blob);
        }
        cache.writeRef(repo, commit);
        return new HubSnapshot(repo, commit, cache.snapshotDir(repo, commit), !downloaded);
    }

    private boolean complete(HubRepo repo, String commit, List<String> required, List<String> optional) {
        return required.stream().allMatch(f -> cache.has(repo, commit, f))
                && optional.stream().allMatch(f -> cache.has(repo, commit, f) || cache.knownMissing(repo, commit, f));
    }

    /**
     * Offline, a snapshot serves when its required files are there: another client (huggingface.js) fetches
     * only the files it asks for and leaves no .no_exist marker, so an absent optional file is just absent
     * (finding 20). Otherwise the message names the missing file; the cache's path goes to the log only.
     */
    private HubSnapshot offline(HubRepo repo, Optional<String> commit, List<String> required, List<String> optional) {
        if (commit.isEmpty()) {
            LOG.warnf("%s: HF_HUB_OFFLINE is set and the Hub cache at %s has no snapshot of it", repo, cache.root());
            throw new HubException(repo + ": HF_HUB_OFFLINE is set and the Hub cache has no snapshot of revision "
                    + repo.revision());
        }
        String c = commit.get();
        Optional<String> missing = required.stream().filter(f -> !cache.has(repo, c, f)).findFirst();
        if (missing.isPresent()) {
            LOG.warnf("%s: HF_HUB_OFFLINE is set and required file %s is not in snapshot %s of the Hub cache at %s",
                    repo, missing.get(), c, cache.root());
            throw new HubException(repo + ": HF_HUB_OFFLINE is set and required file " + missing.get()
                    + " is not in the Hub cache (snapshot " + c + ")");
        }
        List<String> absent = optional.stream().filter(f -> !cache.has(repo, c, f)).toList();
        LOG.infof("%s: offline, serving cached snapshot %s without optional %s", repo, c, absent);
        return new HubSnapshot(repo, c, cache.snapshotDir(repo, c), true);
    }

    // ---- one blob, once ---------------------------------------------------------------------------

    private void downloadBlob(HubRepo repo, FileMeta meta, Path blob) {
        ReentrantLock local = BLOB_LOCKS.computeIfAbsent(blob.toAbsolutePath().normalize(), b -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(blob.getParent());
            Path lockFile = cache.lockFile(repo, meta.etag());
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(blob)) {
                    return; // another caller or replica finished it while we waited
                }
                Path part = blob.resolveSibling(blob.getFileName() + "." + ProcessIdentity.token() + ".incomplete");
                for (int attempt = 1; ; attempt++) {
                    guarded(() -> fetchBody(repo, meta, part));
                    Optional<String> problem = verify(meta, part);
                    if (problem.isEmpty()) {
                        HubCache.move(part, blob);
                        return;
                    }
                    Files.deleteIfExists(part);
                    if (attempt == 2) {
                        throw new HubException(where(repo, meta.file()) + ": " + problem.get()
                                + " twice; the file was discarded");
                    }
                    LOG.warnf("%s: %s; discarded, fetching once more", where(repo, meta.file()), problem.get());
                }
            }
        } catch (IOException e) {
            LOG.warnf(e, "%s: cannot write to the Hub cache at %s", where(repo, meta.file()), cache.root());
            throw new HubException(where(repo, meta.file()) + ": cannot write to the Hub cache ("
                    + e.getClass().getSimpleName() + "; the service log has the details)", e);
        } finally {
            local.unlock();
        }
    }

    private Optional<String> verify(FileMeta meta, Path part) throws IOException {
        long size = Files.size(part);
        if (meta.size() >= 0 && size != meta.size()) {
            return Optional.of("size " + size + " instead of " + meta.size());
        }
        if (SHA256.matcher(meta.etag()).matches()) {
            String actual = sha256(part);
            if (!actual.equals(meta.etag())) {
                return Optional.of("sha256 " + actual + " instead of " + meta.etag());
            }
        }
        return Optional.empty();
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One GET of the body into {@code part}, resuming from what it holds; a cut keeps what arrived. */
    private Void fetchBody(HubRepo repo, FileMeta meta, Path part) {
        String what = where(repo, meta.file());
        URI uri = resolveUri(repo, repo.revision(), meta.file());
        for (int hop = 0; hop < 5; hop++) {
            long have = existingSize(part);
            if (meta.size() >= 0 && have == meta.size()) {
                return null;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(settings.readTimeout())
                    .header("Accept-Encoding", "identity").header("User-Agent", "moodlens-inference");
            if (sameHost(uri)) {
                settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
            }
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> response = send(what, request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                closeQuietly(response.body());
                uri = uri.resolve(response.headers().firstValue("Location")
                        .orElseThrow(() -> new HubException(what + ": redirect without Location")));
                continue;
            }
            if (status == 416 && meta.size() >= 0 && have >= meta.size()) {
                closeQuietly(response.body());
                return null;
            }
            failOnStatus(what, response.statusCode(), response.headers(), response.body());
            boolean append = status == 206;
            copy(what, response.body(), part, append);
            return null;
        }
        throw new HubException(what + ": too many redirects");
    }

    private void copy(String what, InputStream body, Path part, boolean append) {
        Thread reader = Thread.currentThread();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long timeoutNanos = settings.readTimeout().toNanos();
        long period = Math.max(50, settings.readTimeout().toMillis() / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > timeoutNanos && stalled.compareAndSet(false, true)) {
                reader.interrupt(); // HttpClient body streams wake up on interrupt
            }
        }, period, period, TimeUnit.MILLISECONDS);
        try (InputStream in = body;
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bytes.increment(n);
                lastProgress.set(System.nanoTime());
            }
        } catch (IOException e) {
            boolean timedOut = stalled.get() || e instanceof InterruptedIOException;
            throw new HubRetryableException(what + ": body " + (timedOut ? "stalled" : "cut") + " after "
                    + existingSize(part) + " bytes (" + e.getMessage() + ")", -1, e, timedOut ? "timeout" : "cut");
        } finally {
            watchdog.cancel(false);
            if (stalled.get()) {
                Thread.interrupted(); // clear our own interrupt so the retry's sleep is not cut short
            }
        }
    }

    // ---- metadata ---------------------------------------------------------------------------------

    /** What the Hub says about a file: commit, etag (sha256 for LFS files), size. */
    record FileMeta(String file, String commit, String etag, long size) {
    }

    FileMeta head(HubRepo repo, String revision, String file) {
        String what = where(repo, file);
        URI uri = resolveUri(repo, revision, file);
        for (int hop = 0; hop < 5; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(settings.readTimeout())
                    .header("Accept-Encoding", "identity").header("User-Agent", "moodlens-inference");
            if (sameHost(uri)) { // a redirect may lead elsewhere: the token goes to the endpoint's host only
                settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
            }
            HttpResponse<Void> response = send(what, request.build(), HttpResponse.BodyHandlers.discarding());
            HttpHeaders headers = response.headers();
            int status = response.statusCode();
            Optional<String> commit = headers.firstValue("X-Repo-Commit");
            if (status >= 300 && status < 400 && commit.isEmpty()) {
                // a renamed repo answers with a relative redirect and no metadata: follow it
                String location = headers.firstValue("Location")
                        .orElseThrow(() -> new HubException(what + ": redirect without Location"));
                uri = uri.resolve(location);
                continue;
            }
            if (status < 300 || status >= 400) {
                failOnStatus(what, status, headers, null); // a redirect with metadata is the LFS answer
            }
            String etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                    .map(HubClient::normalizeEtag)
                    .orElseThrow(() -> new HubException(what + ": the Hub sent no ETag"));
            long size = headers.firstValue("X-Linked-Size").or(() -> headers.firstValue("Content-Length"))
                    .map(Long::parseLong).orElse(-1L);
            String c = commit.orElseThrow(() -> new HubException(what + ": the Hub sent no X-Repo-Commit"));
            if (!HubRepo.isCommit(c)) {
                throw new HubException(what + ": X-Repo-Commit is not a commit hash: " + c);
            }
            if (!HubRepo.isSafeName(etag)) { // it names the blob file: ".", ".." or a path would leave blobs/
                throw new HubException(what + ": unusable ETag " + etag);
            }
            return new FileMeta(file, c, etag, size);
        }
        throw new HubException(what + ": too many redirects");
    }

    static String normalizeEtag(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    // ---- HTTP plumbing ----------------------------------------------------------------------------

    private <T> HttpResponse<T> send(String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> response = http.send(request, handler);
            count(request.method(), Integer.toString(response.statusCode()));
            return response;
        } catch (HttpTimeoutException e) {
            count(request.method(), "timeout");
            throw new HubRetryableException(what + ": no answer within " + settings.readTimeout(), -1, e, "timeout");
        } catch (IOException e) {
            count(request.method(), "io_error");
            throw new HubRetryableException(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(what + ": interrupted", e);
        }
    }

    private void count(String method, String status) {
        meters.counter("moodlens.hub.requests", "method", method, "status", status).increment();
    }

    private void failOnStatus(String what, int status, HttpHeaders headers, InputStream body) {
        if (status >= 200 && status < 300) {
            return;
        }
        closeQuietly(body);
        String error = headers.firstValue("X-Error-Message").map(m -> " (" + m + ")").orElse("");
        if (status == 408 || status == 429 || status >= 500) {
            throw new HubRetryableException(what + ": HTTP " + status + error, RetryAfter.millis(headers), null,
                    Integer.toString(status));
        }
        if (status == 404) {
            throw new HubNotFoundException(what + ": HTTP 404, not found" + error
                    + " (check the repo id, the revision and that the file exists)");
        }
        if (status == 401 || status == 403) {
            throw new HubException(what + ": HTTP " + status + error
                    + " (a gated or private repo needs HF_TOKEN with access)");
        }
        throw new HubException(what + ": HTTP " + status + error);
    }

    /** Runs a Hub call under the endpoint's retry and circuit breaker, within the total time budget. */
    private <T> T guarded(Callable<T> call) {
        long start = System.nanoTime();
        Callable<T> budgeted = () -> {
            try {
                return call.call();
            } catch (HubRetryableException e) {
                long remaining = settings.maxTotal().toMillis() - (System.nanoTime() - start) / 1_000_000;
                if (e.retryAfterMillis() > remaining) {
                    throw new HubException(e.getMessage() + "; the Hub asks to wait " + e.retryAfterMillis() / 1000
                            + " s, beyond the retry budget of " + settings.maxTotal());
                    // no cause: Fault Tolerance would see the retryable cause and retry anyway
                }
                throw e;
            }
        };
        try {
            @SuppressWarnings("unchecked")
            T result = (T) guard.call((Callable<Object>) budgeted, Object.class);
            return result;
        } catch (CircuitBreakerOpenException e) {
            throw new HubException("the Hub at " + settings.endpoint() + " keeps failing; its circuit breaker "
                    + "is open, not calling it for now", e);
        } catch (HubException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HubException("Hub call failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new HubException("Hub call failed: " + e.getMessage(), e);
        }
    }

    private URI resolveUri(HubRepo repo, String revision, String file) {
        String encodedRevision = URLEncoder.encode(revision, StandardCharsets.UTF_8);
        return URI.create(settings.endpoint() + "/" + repo.id() + "/resolve/" + encodedRevision + "/" + file);
    }

    /** Same scheme, host and port as the configured endpoint: only there may the token go. */
    boolean sameHost(URI uri) {
        URI endpoint = settings.endpoint();
        return uri.getHost() != null && uri.getScheme() != null
                && uri.getScheme().equalsIgnoreCase(String.valueOf(endpoint.getScheme()))
                && uri.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(endpoint.getHost()).toLowerCase(Locale.ROOT))
                && port(uri) == port(endpoint);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static long existingSize(Path part) {
        try {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static String where(HubRepo repo, String file) {
        return "repo " + repo.id() + " revision " + repo.revision() + " file " + file;
    }
}
