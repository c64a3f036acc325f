package dev.moodlens.inference.batch;

import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.TokenizedText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A text's answer does not depend on its batch-mates: every text of the TweetEval sentiment and CARER test
 * splits, scored alone and through the batcher in random requests of 1 to 64 texts (several in flight, so
 * runs mix requests), gets identical 3-decimal scores, with the bundled models' int8 graph (static
 * activation scales: batched, not run alone) and, on the first 2,000 texts, their fp32 graph. Needs
 * ../shared/datasets (skipped without it, as on a fresh clone elsewhere).
 */
class BatchInvarianceTest {

    static final Path DATASETS = Path.of(System.getProperty("moodlens.datasets", "../../shared/datasets"));
    static final Path BUNDLED = Path.of("../models-bundled/target/classes/bundled-models");

    @ParameterizedTest
    @CsvSource({"moodlens-sentiment, tweeteval/sentiment/test_text.txt, int8, 0",
            "moodlens-emotion, carer-emotion/test.txt, int8, 0",
            "moodlens-sentiment, tweeteval/sentiment/test_text.txt, fp32, 2000",
            "moodlens-emotion, carer-emotion/test.txt, fp32, 2000"})
    void batchedAnswersEqualTheAnswersAlone(String model, String file, String precision, int limit) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DATASETS.resolve(file)), "no datasets at " + DATASETS.toAbsolutePath());
        List<String> texts = texts(DATASETS.resolve(file), limit);
        ModelDirectory dir = ModelDirectory.open(BUNDLED.resolve(model));
        ScoreRounding rounding = new ScoreRounding(3, 1e-6);
        try (SequenceClassifier classifier = SequenceClassifier.open(dir, Precision.valueOf(precision.toUpperCase()), 1);
             DynamicBatcher batcher = new DynamicBatcher(model, new BatchSettings(64, 2000, 8192, 4096, 128, rounding,
                     BatchSettings.DEFAULT_RUN_OVERHEAD_TOKENS, 2), new SimpleMeterRegistry())) {
            if (precision.equals("int8")) {
                assertTrue(dir.staticInt8(), "the bundled int8 graph has static activation scales");
                assertFalse(classifier.runsTextsAlone(), "so it batches");
            }
            List<TokenizedText> tokens = texts.stream().map(classifier::tokenize).toList();
            BatchModel batchModel = new BatchModel() {
                @Override
                public List<Prediction> predict(List<TokenizedText> batch) {
                    return classifier.predict(batch);
                }

                @Override
                public boolean runsAlone() {
                    return classifier.runsTextsAlone();
                }
            };
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                order.add(i);
            }
            Random random = new Random(8);
            Collections.shuffle(order, random);
            double[][] batched = new double[tokens.size()][];
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int from = 0; from < order.size(); ) {
                int size = 1 + random.nextInt(64);
                List<Integer> request = order.subList(from, Math.min(order.size(), from + size));
                from += size;
                inFlight.add(batcher.submit(batchModel, request.stream().map(tokens::get).toList()).thenAccept(answers -> {
                    for (int k = 0; k < request.size(); k++) {
                        batched[request.get(k)] = rounded(answers.get(k), rounding);
                    }
                }));
                if (inFlight.size() >= 8) {
                    inFlight.remove(0).get(2, TimeUnit.MINUTES);
                }
            }
            for (CompletableFuture<Void> f : inFlight) {
                f.get(2, TimeUnit.MINUTES);
            }
            int differ = 0;
            String first = null;
            for (int i = 0; i < tokens.size(); i++) {
                double[] alone = rounded(classifier.predict(List.of(tokens.get(i))).get(0), rounding);
                if (!Arrays.equals(alone, batched[i])) {
                    differ++;
                    first = first != null ? first : i + ": alone " + Arrays.toString(alone) + ", batched " + Arrays.toString(batched[i]);
                }
            }
            assertEquals(0, differ, differ + " of " + tokens.size() + " texts differ, first " + first);
        }
    }

    private static double[] rounded(Prediction p, ScoreRounding rounding) {
        double[] out = new double[p.probabilities().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = rounding.round(p.probabilities()[i]);
        }
        return out;
    }

    private static List<String> texts(Path file, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int cut = file.getFileName().toString().equals("test.txt") ? line.lastIndexOf(';') : -1;
            lines.add(cut > 0 ? line.substring(0, cut) : line);
            if (limit > 0 && lines.size() == limit) {
                break;
            }
        }
        return lines;
    }
}
