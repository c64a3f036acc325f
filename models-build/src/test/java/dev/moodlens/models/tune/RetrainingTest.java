package dev.moodlens.models.tune;

import dev.moodlens.models.TestPaths;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.FeatureCache;
import dev.moodlens.models.train.FeatureExtractor;
import dev.moodlens.models.train.HeadTrainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retraining from the datasets reproduces the committed heads byte for byte. Skipped when the
 * datasets are absent (a fresh clone). To stay cheap it reads features through the machine's feature
 * cache (extracting what is missing, as TrainBundledHeads does) and repeats the final fits with the
 * committed hyper-parameters; the grid search itself is what TrainBundledHeads runs, with the same
 * deterministic fitting code.
 */
class RetrainingTest {

    @Test
    void retrainingReproducesTheCommittedHeads() throws Exception {
        Datasets datasets = new Datasets(Datasets.locate(null));
        Assumptions.assumeTrue(datasets.present() && datasets.prosePresent(), "no datasets at " + datasets.root());
        var encoder = TestPaths.encoder();
        try (FeatureExtractor extractor = new FeatureExtractor(encoder.fp32(), encoder.tokenizer())) {
            TrainBundledHeads trainer = new TrainBundledHeads(new FeatureCache(FeatureCache.machineDefault(), encoder, extractor), datasets, System.out);
            for (Task task : Task.values()) {
                Path file = HeadFile.path(TestPaths.heads(), task);
                Head committed = HeadFile.read(file);
                var recipe = committed.recipe();
                double l2Embedding = number(recipe.get("l2_embedding"));
                double balance = number(recipe.get("class_balance"));
                HeadTrainer.Setting setting = Boolean.TRUE.equals(recipe.get("bag_of_wordpieces"))
                        ? HeadTrainer.Setting.withBag(l2Embedding, number(recipe.get("l2_bag")), balance)
                        : HeadTrainer.Setting.embeddingOnly(l2Embedding, balance);
                Head retrained = trainer.fitFinal(task, setting, number(recipe.get("selection_score")));
                assertEquals(Files.readString(file), HeadFile.format(retrained), task + " head differs from " + file);
            }
        }
    }

    private static double number(Object o) {
        return o instanceof BigDecimal b ? b.doubleValue() : ((Number) o).doubleValue();
    }
}
