package dev.moodlens.models.tune;

import ai.onnxruntime.OrtException;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.quantize.BundledInt8Ranges;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.DatasetsOption;
import dev.moodlens.models.train.FeatureCache;
import dev.moodlens.models.train.FeatureExtractor;
import dev.moodlens.models.train.Features;
import dev.moodlens.models.train.HeadTrainer;
import dev.moodlens.models.train.LabelMapping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains the bundled models' heads (frozen {@link EncoderFiles#BUNDLED} encoder, softmax regression on its mean-pooled
 * embedding plus a bag of wordpieces) on the same prose-and-tweets plan as the fine-tuned models
 * ({@link TrainingPlan}): tweets, SST sentences and phrases, GoEmotions, CARER and TweetEval emotion, each
 * mapped by {@link LabelMapping} and sampled to {@link #SAMPLES} texts with a fixed seed. Hyper-parameters
 * are chosen on the plan's validation sets (dev/val splits and held-out parts of train: weighted mean of
 * their metrics); test splits are never read. Deterministic: same data and encoder, same bytes.
 * <pre>
 * TrainBundledHeads [--datasets DIR] [--out DIR] [--cache DIR] [--task sentiment|emotion|all] [--score DIR]
 *                   [--encoder minilm-l6|bge-small|e5-small]
 * </pre>
 * {@code --score DIR} trains nothing: it prints the validation score of the heads in DIR (e.g. the committed
 * ones before a retraining), the number a retrained head has to beat. {@code --encoder} trains or scores heads on
 * another frozen encoder (how the bundled encoder was chosen); the committed heads are the bundled encoder's.
 */
public final class TrainBundledHeads {

    static final long SEED = 8;
    /**
     * Texts per training source (0: all of it). Sized for the frozen encoder's feature pass on 2 cores; the
     * labelled part of each source only (the EmoBank valence regression needs a fine-tuned encoder).
     */
    static final Map<Task, Map<String, Integer>> SAMPLES = Map.of(
            Task.SENTIMENT, Map.of("tweeteval-sentiment", 0, "tweeteval-emotion", 1500, "sst-sentences", 0,
                    "sst-phrases", 4000, "goemotions-group", 6000, "carer", 1500),
            Task.EMOTION, Map.of("carer", 0, "goemotions", 0, "tweeteval-emotion", 0));
    // Grids, all class-balanced. Emotion wants a weak penalty on the bag (emotion words carry much of the
    // task) and never won without one, so it tries no bag-less head; sentiment a stronger one; a first run
    // with L2 on the embedding of 1 was worst on both tasks.
    static final double[] L2_EMBEDDING = {3e-2, 1e-1, 3e-1};
    static final Map<Task, double[]> L2_BAG = Map.of(Task.SENTIMENT, new double[]{1e-3, 3e-3, 1e-2, 3e-2, 1e-1},
            Task.EMOTION, new double[]{3e-5, 1e-4, 3e-4});
    static final double BALANCE = 1;

    private final FeatureCache cache;
    private final Datasets datasets;
    private final PrintStream log;

    public TrainBundledHeads(FeatureCache cache, Datasets datasets, PrintStream log) {
        this.cache = cache;
        this.datasets = datasets;
        this.log = log;
    }

    /** The command line (the launcher's {@code train-heads}). */
    @Command(name = "TrainBundledHeads", mixinStandardHelpOptions = true,
            description = "Trains the bundled models' heads on the frozen encoder, or scores committed ones (--score).")
    static final class Options implements Callable<Integer> {
        @Mixin
        DatasetsOption datasets = new DatasetsOption();
        @Option(names = "--out", paramLabel = "DIR", description = "where the heads go (default: models-build/src/main/heads)")
        Path out;
        @Option(names = "--cache", paramLabel = "DIR", description = "the feature cache (default: the machine's)")
        Path cache;
        @Option(names = "--task", defaultValue = "all", description = "sentiment, emotion or all (default: ${DEFAULT-VALUE})")
        String task;
        @Option(names = "--score", paramLabel = "DIR", description = "train nothing: print the validation score of the heads in DIR")
        Path score;
        @Option(names = "--encoder", description = "another frozen encoder: minilm-l6, bge-small or e5-small (default: the bundled one)")
        String encoder;
        @Option(names = "--ranges-only", description = "train no head: calibrate the int8 graphs' activation ranges only")
        boolean rangesOnly;

        @Override
        public Integer call() throws Exception {
            run(datasets.dir(), out, cache, rangesOnly ? "none" : task, score, encoder == null ? EncoderFiles.BUNDLED : Encoder.byId(encoder));
            return 0;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static void run(String datasetsArg, Path out, Path cacheDir, String task, Path score, Encoder encoderChoice)
            throws Exception {
        Datasets datasets = new Datasets(Datasets.locate(datasetsArg));
        if (!datasets.present() || !datasets.prosePresent()) {
            throw new IllegalStateException("no datasets at " + datasets.root() + " (use --datasets or MOODLENS_DATASETS)");
        }
        EncoderFiles encoder = EncoderFiles.locate(encoderChoice);
        if (!encoder.present()) {
            throw new IllegalStateException("no encoder at " + encoder.dir() + ": build models-build first");
        }
        if (out == null) {
            String heads = System.getProperty("moodlens.heads.dir");
            out = heads != null ? Path.of(heads) : Path.of("models-build/src/main/heads");
        }
        if (cacheDir == null) {
            cacheDir = FeatureCache.machineDefault();
        }
        long start = System.nanoTime();
        try (FeatureExtractor extractor = new FeatureExtractor(encoder.fp32(), encoder.tokenizer())) {
            TrainBundledHeads trainer = new TrainBundledHeads(new FeatureCache(cacheDir, encoder, extractor), datasets, System.out);
            for (Task t : Task.values()) {
                if (score != null && (task.equals("all") || task.equals(t.id()))) {
                    System.out.printf("%s validation score of %s: %.2f%n", t.id(), HeadFile.path(score, t),
                            trainer.validationScore(t, HeadFile.read(HeadFile.path(score, t))));
                } else if (task.equals("all") || task.equals(t.id())) {
                    Head head = trainer.train(t);
                    Path file = HeadFile.path(out, t);
                    HeadFile.write(head, file);
                    System.out.printf("wrote %s (%d bytes)%n", file, Files.size(file));
                }
            }
        }
        if (score != null) {
            return;
        }
        BundledInt8Ranges.calibrate(encoder, datasets, out);
        System.out.printf("wrote %s%n", out.resolve(BundledInt8Ranges.FILE));
        System.out.printf("training took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The training texts and validation sets of a task, as the plan maps and this class samples them. */
    record Data(TrainingPlan plan, TrainingTexts training) {
    }

    Data data(Task task) throws IOException {
        Recipe base = TrainTunedModels.RECIPES.get(Encoder.MINILM_L6).get(task);
        Map<String, Integer> samples = SAMPLES.get(task);
        TrainingPlan plan = TrainingPlan.of(task, datasets, base.withPerEpoch(samples));
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (TrainingPlan.Source source : plan.sources()) {
            TrainingTexts labelled = source.texts().withLabels();
            if (labelled.size() == 0) {
                continue;
            }
            TrainingTexts sample = source.perEpoch() == 0 || labelled.size() <= source.perEpoch()
                    ? labelled : labelled.split(source.perEpoch(), SEED)[1];
            texts.addAll(sample.texts());
            for (int l : sample.labels()) {
                labels.add(l);
            }
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new Data(plan, TrainingTexts.labelled(task.id() + "-bundled", texts, l));
    }

    public Head train(Task task) throws IOException, OrtException {
        Data data = data(task);
        data.plan().describe().forEach(line -> log.println(task.id() + ": " + line));
        Features features = timed(task.id() + " training features (" + data.training().size() + " texts)",
                () -> cache.features(data.training().texts()));
        List<Features> validation = new ArrayList<>();
        for (TrainingPlan.Validation v : data.plan().validations()) {
            validation.add(timed(task.id() + " features " + v.texts().name(), () -> cache.features(v.texts().texts())));
        }
        HeadTrainer.Setting best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (HeadTrainer.Setting setting : grid(task)) {
            long t0 = System.nanoTime();
            Head head = HeadTrainer.fit(task, features, data.training().labels(), setting, Map.of());
            double score = score(head, data.plan(), validation);
            log.printf("%s %-40s validation %.2f (%s iterations, %.0f s)%n", task.id(), setting, score,
                    head.recipe().get("lbfgs_iterations"), (System.nanoTime() - t0) / 1e9);
            if (score > bestScore) { // ties keep the earlier, more regularised setting
                best = setting;
                bestScore = score;
            }
        }
        log.printf("%s chose %s (validation %.2f)%n", task.id(), best, bestScore);
        return fitFinal(task, data, features, best, Math.round(bestScore * 10) / 10.0);
    }

    /** The selection score of a head on the task's validation sets (each set's metric logged). */
    public double validationScore(Task task, Head head) throws IOException, OrtException {
        TrainingPlan plan = data(task).plan();
        List<Features> validation = new ArrayList<>();
        for (TrainingPlan.Validation v : plan.validations()) {
            validation.add(cache.features(v.texts().texts()));
            log.printf("  %s %s: %.2f%n", v.texts().name(), v.metric().name().toLowerCase(),
                    metric(head, v, validation.get(validation.size() - 1)));
        }
        return score(head, plan, validation);
    }

    /** The final fit with chosen hyper-parameters (what {@link #train} ends with; the reproducibility test repeats it). */
    public Head fitFinal(Task task, HeadTrainer.Setting setting, double selectionScore) throws IOException, OrtException {
        Data data = data(task);
        return fitFinal(task, data, cache.features(data.training().texts()), setting, selectionScore);
    }

    private Head fitFinal(Task task, Data data, Features features, HeadTrainer.Setting setting, double selectionScore) {
        Map<String, Object> recipe = recipe(cache.encoder());
        recipe.put("selection_score", selectionScore);
        recipe.put("training_data", String.join("; ", data.plan().sources().stream()
                .map(s -> s.texts().name() + " " + (s.perEpoch() == 0 ? "all" : Integer.toString(s.perEpoch()))).toList())
                + " (labelled texts, label mapping in the model card)");
        recipe.put("selection", "weighted mean of " + String.join(", ", data.plan().validations().stream()
                .map(v -> v.texts().name() + " " + v.metric().name().toLowerCase() + " x" + (int) v.weight()).toList()));
        return HeadTrainer.fit(task, features, data.training().labels(), setting, recipe);
    }

    /** The weighted mean of the validation sets' metrics. */
    private static double score(Head head, TrainingPlan plan, List<Features> validation) {
        double sum = 0;
        double weights = 0;
        for (int v = 0; v < validation.size(); v++) {
            TrainingPlan.Validation set = plan.validations().get(v);
            sum += set.weight() * metric(head, set, validation.get(v));
            weights += set.weight();
        }
        return sum / weights;
    }

    private static double metric(Head head, TrainingPlan.Validation set, Features f) {
        float[][] p = new float[f.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = SequenceClassifier.softmax(head.logits(f.pooled()[i], f.ids()[i]));
        }
        return FineTuner.score(set.metric(), set.texts().labels(), set.texts().targets(), p);
    }

    static List<HeadTrainer.Setting> grid(Task task) {
        List<HeadTrainer.Setting> grid = new ArrayList<>();
        for (double e : L2_EMBEDDING) {
            if (task == Task.SENTIMENT) {
                grid.add(HeadTrainer.Setting.embeddingOnly(e, BALANCE));
            }
            for (double b : L2_BAG.get(task)) {
                grid.add(HeadTrainer.Setting.withBag(e, b, BALANCE));
            }
        }
        return grid;
    }

    private static Map<String, Object> recipe(Encoder encoder) {
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put("encoder", encoder.coordinates() + " (frozen)");
        recipe.put("pooling", "mean of last_hidden_state under attention_mask");
        recipe.put("features", "standardised with the training set's mean and standard deviation");
        recipe.put("head", "softmax regression on the embedding + bag of wordpieces (summed per-token rows)");
        recipe.put("loss", "class-balanced cross-entropy, separate L2 on embedding weights and bag");
        recipe.put("optimizer", "L-BFGS, memory 10, at most " + HeadTrainer.MAX_ITERATIONS + " iterations");
        recipe.put("max_length", EncoderFiles.MAX_LENGTH);
        recipe.put("seed", SEED);
        return recipe;
    }

    private interface Step<T> {
        T run() throws IOException, OrtException;
    }

    private <T> T timed(String what, Step<T> step) throws IOException, OrtException {
        long start = System.nanoTime();
        T result = step.run();
        log.printf("%s: %.1f s%n", what, (System.nanoTime() - start) / 1e9);
        return result;
    }
}
