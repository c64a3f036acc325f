package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.TokenizedText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.moodlens.inference.batch.RecordingModel.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicBatcherTest {

    DynamicBatcher batcher;

    @AfterEach
    void close() {
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void answersEachRequestInItsOwnOrder() throws Exception {
        batcher = new DynamicBatcher("t", new BatchSettings(4, 1000, 10_000, 100, 16), new SimpleMeterRegistry());
        RecordingModel model = new RecordingModel();
        List<Prediction> out = batcher.submit(model, List.of(text(5), text(1), text(9), text(3), text(7), text(2)))
                .get(5, TimeUnit.SECONDS);
        assertEquals(List.of(5f, 1f, 9f, 3f, 7f, 2f), out.stream().map(p -> p.probabilities()[0]).toList());
        assertTrue(model.runs.stream().allMatch(r -> r.size() <= 4), "max batch size: " + model.runs);
        for (List<Integer> run : model.runs) {
            assertEquals(run.stream().sorted().toList(), run, "sorted by length within a run");
        }
    }

    @Test
    void coalescesConcurrentRequests() throws Exception {
        RecordingModel model = new RecordingModel();
        // the first request occupies the worker; the next ten queue up and must share one run
        CompletableFuture<List<Prediction>> first = occupyTheWorker(new BatchSettings(32, 20_000, 10_000, 100, 64), model, 3);
        List<CompletableFuture<List<Prediction>>> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rest.add(batcher.submit(model, List.of(text(i + 1))));
        }
        model.gate.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1f, rest.get(i).get(5, TimeUnit.SECONDS).get(0).probabilities()[0]);
        }
        assertEquals(2, model.runs.size(), "runs: " + model.runs);
        assertEquals(10, model.runs.get(1).size());
    }

    @Test
    void aModelThatRunsTextsAloneIsFedOneTextAtATimeByEveryWorker() throws Exception {
        batcher = new DynamicBatcher("t", new BatchSettings(32, 20_000, 10_000, 100, 64, new ScoreRounding(4, 1e-6),
                BatchSettings.DEFAULT_RUN_OVERHEAD_TOKENS, 2), new SimpleMeterRegistry());
        RecordingModel model = new RecordingModel() {
            @Override
            public boolean runsAlone() {
                return true;
            }
        };
        model.gate = new CountDownLatch(1);
        List<CompletableFuture<List<Prediction>>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(batcher.submit(model, List.of(text(i + 1))));
        }
        Thread.sleep(100); // both workers hold a text at the gate; nobody waited 20 ms for company
        model.gate.countDown();
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1f, requests.get(i).get(5, TimeUnit.SECONDS).get(0).probabilities()[0]);
        }
        assertEquals(6, model.runs.size(), "runs: " + model.runs);
        assertTrue(model.runs.stream().allMatch(r -> r.size() == 1), "runs: " + model.runs);
    }

    @Test
    void boundsPaddedTokensPerRun() throws Exception {
        batcher = new DynamicBatcher("t", new BatchSettings(32, 1000, 100, 100, 64), new SimpleMeterRegistry());
        RecordingModel model = new RecordingModel();
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(text(10 + i));
        }
        batcher.submit(model, texts).get(5, TimeUnit.SECONDS);
        for (List<Integer> run : model.runs) {
            assertTrue(run.size() * run.get(run.size() - 1) <= 100 || run.size() == 1, "run " + run);
        }
        assertEquals(20, model.runs.stream().mapToInt(List::size).sum());
    }

    @Test
    void refusesWhatTheQueueCannotHold() throws Exception {
        RecordingModel model = new RecordingModel();
        CompletableFuture<List<Prediction>> running = occupyTheWorker(new BatchSettings(4, 100, 10_000, 10, 4), model, 1);
        CompletableFuture<List<Prediction>> queued = batcher.submit(model, List.of(text(1), text(2), text(3), text(4),
                text(5), text(6), text(7), text(8)));
        assertThrows(QueueFullException.class, () -> batcher.submit(model, List.of(text(1), text(2), text(3))));
        assertEquals(8, batcher.queueDepth());
        model.gate.countDown();
        running.get(5, TimeUnit.SECONDS);
        assertEquals(8, queued.get(5, TimeUnit.SECONDS).size());
        assertEquals(0, batcher.queueDepth());
        batcher.submit(model, List.of(text(1), text(2), text(3))).get(5, TimeUnit.SECONDS);
    }

    @Test
    void takesARequestLargerThanTheQueueWhenNothingElseWaits() throws Exception {
        RecordingModel model = new RecordingModel();
        CompletableFuture<List<Prediction>> running = occupyTheWorker(new BatchSettings(4, 100, 10_000, 10, 4), model, 1);
        List<TokenizedText> large = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            large.add(text(i));
        }
        CompletableFuture<List<Prediction>> taken = batcher.submit(model, large); // 12 texts, a queue of 10
        assertThrows(QueueFullException.class, () -> batcher.submit(model, List.of(text(1))));
        assertThrows(QueueFullException.class, () -> batcher.submit(model, large)); // something waits now
        model.gate.countDown();
        running.get(5, TimeUnit.SECONDS);
        assertEquals(12, taken.get(5, TimeUnit.SECONDS).size());
    }

    /** A new batcher whose worker holds one text of {@code length}, blocked in {@code model} until its gate opens. */
    private CompletableFuture<List<Prediction>> occupyTheWorker(BatchSettings settings, RecordingModel model, int length)
            throws InterruptedException {
        batcher = new DynamicBatcher("t", settings, new SimpleMeterRegistry());
        model.gate = new CountDownLatch(1);
        CompletableFuture<List<Prediction>> running = batcher.submit(model, List.of(text(length)));
        Thread.sleep(50); // the worker takes it and blocks: the queue is empty again
        return running;
    }

    @Test
    void ambiguousBatchedResultsAreReplacedByTheTextAlone() throws Exception {
        batcher = new DynamicBatcher("t", new BatchSettings(32, 20_000, 10_000, 100, 64, new ScoreRounding(4, 1e-6)),
                new SimpleMeterRegistry());
        // batched, a text's score sits on a rounding boundary (0.12345 + noise); alone it is 0.1234496
        BatchModel model = batch -> batch.stream().map(t -> batch.size() == 1
                ? new Prediction(new float[]{0.1234496f, 0.8765504f}, false)
                : new Prediction(new float[]{0.1234502f, 0.8765498f}, false)).toList();
        List<Prediction> out = batcher.submit(model, List.of(text(3), text(4))).get(5, TimeUnit.SECONDS);
        ScoreRounding rounding = new ScoreRounding(4, 1e-6);
        for (Prediction p : out) {
            assertEquals(0.1234, rounding.round(p.probabilities()[0]), "the answer alone, not the batched one");
        }
        assertTrue(rounding.ambiguous(new float[]{0.1234502f, 0.8765498f}));
        assertTrue(!rounding.ambiguous(new float[]{0.2f, 0.8f}));
        assertTrue(rounding.ambiguous(new float[]{0.4f, 0.2000001f, 0.4000001f}), "a near tie of the best two");
    }

    @Test
    void neverMixesModelsInOneRun() throws Exception {
        batcher = new DynamicBatcher("t", new BatchSettings(32, 20_000, 10_000, 100, 64), new SimpleMeterRegistry());
        RecordingModel old = new RecordingModel();
        RecordingModel fresh = new RecordingModel();
        CompletableFuture<List<Prediction>> a = batcher.submit(old, List.of(text(1), text(2)));
        CompletableFuture<List<Prediction>> b = batcher.submit(fresh, List.of(text(3)));
        a.get(5, TimeUnit.SECONDS);
        b.get(5, TimeUnit.SECONDS);
        assertTrue(old.runs.stream().flatMap(List::stream).allMatch(n -> n <= 2));
        assertEquals(List.of(List.of(3)), fresh.runs);
    }
}
