package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.TokenizedText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Coalesces concurrent requests into ONNX Runtime runs on dedicated threads (never the event loop).
 * <p>
 * A worker takes the first queued text, waits at most {@code maxDelayMicros} for more (or until a full
 * batch is there), takes up to {@code window} texts, sorts them by token length (padding in arrival order
 * costs about half the throughput on tweets) and runs them in the runs {@link RunPlanner} finds cheapest,
 * of at most {@code maxSize} texts and {@code maxTokens} padded tokens. With several workers (each with
 * its share of ONNX Runtime's threads) one runs while another gathers, so the cores do not wait for
 * answers to travel back and new texts to come in. Texts tokenized by different models (during a swap)
 * never share a run.
 * <p>
 * The queue is bounded in texts: a request that does not fit is refused at once
 * ({@link QueueFullException}), so overload turns into quick 503s rather than a backlog of timeouts. A request
 * larger than the whole queue (a page of long journal entries read by sentence) is taken when the queue is
 * empty: refusing it would refuse it forever.
 */
public final class DynamicBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);

    private final String name;
    private final BatchSettings settings;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final RunPlanner planner;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    private final DistributionSummary batchSizes;
    private final Timer queueWait;
    private final Timer inference;
    private final Counter reruns;

    public DynamicBatcher(String name, BatchSettings settings, MeterRegistry meters) {
        this.name = name;
        this.settings = settings;
        this.batchSizes = DistributionSummary.builder("moodlens.batch.size").tag("task", name)
                .description("Texts per ONNX Runtime run").publishPercentileHistogram()
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(meters);
        this.queueWait = Timer.builder("moodlens.batch.queue.wait").tag("task", name)
                .description("Time a text waits before its run starts").publishPercentileHistogram().register(meters);
        this.inference = Timer.builder("moodlens.batch.inference").tag("task", name)
                .description("ONNX Runtime time per run").publishPercentileHistogram().register(meters);
        this.reruns = Counter.builder("moodlens.batch.reruns").tag("task", name)
                .description("Batched texts re-run alone because rounding was ambiguous").register(meters);
        Gauge.builder("moodlens.batch.queue.depth", queued, AtomicInteger::get).tag("task", name)
                .description("Texts waiting for a run").register(meters);
        this.planner = settings.planner();
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = new Thread(this::work, "batcher-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    public int queueDepth() {
        return queued.get();
    }

    /**
     * Queues one request's texts; the future completes with their predictions in order.
     *
     * @throws QueueFullException when the queue has no room for all of them (a request larger than the queue:
     *                            when anything else waits)
     */
    public CompletableFuture<List<Prediction>> submit(BatchModel model, List<TokenizedText> texts) {
        if (texts.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (!running) {
            throw new QueueFullException(name + " batcher is shutting down");
        }
        int after = queued.addAndGet(texts.size());
        if (after > settings.queueCapacity() && after > texts.size()) {
            queued.addAndGet(-texts.size());
            throw new QueueFullException(name + " queue is full (" + settings.queueCapacity() + " texts)");
        }
        Request request = new Request(texts.size());
        long now = System.nanoTime();
        for (int i = 0; i < texts.size(); i++) {
            queue.add(new Item(model, texts.get(i), i, request, now));
        }
        return request.future;
    }

    private void work() {
        List<Item> window = new ArrayList<>();
        while (running) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                window.add(first);
                // a model that runs every text alone gains nothing from company: each worker takes one text
                // at a time, so the workers share the queue and each text is answered as soon as it ran
                if (!first.model.runsAlone()) {
                    gather(window);
                }
                queued.addAndGet(-window.size());
                run(window);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "%s batcher failed on a window of %d texts", name, window.size());
                window.forEach(item -> item.request.fail(e));
            } finally {
                window.clear();
            }
        }
    }

    /** Waits for company until a full batch is there or the delay is over, then takes what already waits. */
    private void gather(List<Item> window) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(settings.maxDelayMicros());
        while (window.size() < settings.maxSize()) {
            long left = deadline - System.nanoTime();
            Item next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            window.add(next);
        }
        queue.drainTo(window, settings.window() - window.size());
    }

    private void run(List<Item> window) {
        long start = System.nanoTime();
        Map<BatchModel, List<Item>> byModel = new IdentityHashMap<>();
        for (Item item : window) {
            queueWait.record(start - item.enqueued, TimeUnit.NANOSECONDS);
            byModel.computeIfAbsent(item.model, m -> new ArrayList<>()).add(item);
        }
        for (Map.Entry<BatchModel, List<Item>> group : byModel.entrySet()) {
            List<Item> items = group.getValue();
            items.sort(Comparator.comparingInt(i -> i.text.length()));
            for (List<Item> chunk : chunks(items)) {
                runChunk(group.getKey(), chunk);
            }
        }
    }

    /** Splits length-sorted texts into the cheapest runs bounded by size and padded tokens. */
    List<List<Item>> chunks(List<Item> sorted) {
        int[] widths = new int[sorted.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = sorted.get(i).text.length();
        }
        List<List<Item>> chunks = new ArrayList<>();
        int from = 0;
        for (int end : planner.plan(widths)) {
            chunks.add(sorted.subList(from, end));
            from = end;
        }
        return chunks;
    }

    private void runChunk(BatchModel model, List<Item> chunk) {
        List<TokenizedText> texts = new ArrayList<>(chunk.size());
        chunk.forEach(i -> texts.add(i.text));
        List<Prediction> predictions;
        long start = System.nanoTime();
        try {
            predictions = model.predict(texts);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: a run of %d texts failed", name, chunk.size());
            chunk.forEach(i -> i.request.fail(e));
            return;
        }
        inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        batchSizes.record(chunk.size());
        boolean check = chunk.size() > 1 && !model.runsAlone();
        for (int i = 0; i < chunk.size(); i++) {
            Item item = chunk.get(i);
            Prediction prediction = predictions.get(i);
            if (check && settings.rounding().ambiguous(prediction.probabilities())) {
                // batch noise could tip this text's rounded answer: give it the answer it gets alone
                reruns.increment();
                try {
                    prediction = model.predict(List.of(item.text)).get(0);
                } catch (RuntimeException e) {
                    item.request.fail(e);
                    continue;
                }
            }
            item.request.complete(item.index, prediction);
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        try {
            for (Thread worker : workers) {
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(i -> i.request.fail(new QueueFullException(name + " batcher stopped")));
    }

    record Item(BatchModel model, TokenizedText text, int index, Request request, long enqueued) {
    }

    static final class Request {
        final CompletableFuture<List<Prediction>> future = new CompletableFuture<>();
        final Prediction[] results;
        final AtomicInteger remaining;

        Request(int size) {
            results = new Prediction[size];
            remaining = new AtomicInteger(size);
        }

        void complete(int index, Prediction prediction) {
            results[index] = prediction;
            if (remaining.decrementAndGet() == 0) {
                future.complete(Arrays.asList(results));
            }
        }

        void fail(Throwable e) {
            future.completeExceptionally(e);
        }
    }
}
