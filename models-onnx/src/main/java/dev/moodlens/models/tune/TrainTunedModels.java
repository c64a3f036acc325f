package dev.moodlens.models.tune;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.assemble.ModelDirectoryWriter;
import dev.moodlens.models.assemble.ModelFiles;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.Task;
import dev.moodlens.models.train.Datasets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fine-tunes both bundled tasks and writes each as a model directory in the Hugging Face ONNX layout,
 * cached by a hash of its inputs (encoder files, datasets, recipe, {@link #VERSION}) under
 * {@code MOODLENS_MODEL_CACHE} (default {@code ~/.cache/moodlens/models}): a second run finds them and
 * trains nothing.
 * <pre>
 * TrainTunedModels [--datasets DIR] [--cache DIR] [--task sentiment|emotion|all] [--force] [--print-dirs]
 * </pre>
 * {@code --print-dirs} trains nothing: it prints the cached model directories (one line, space separated)
 * or fails when one is missing. The last line of a run is a JSON object with the directories, the time
 * and the peak RSS.
 */
public final class TrainTunedModels {

    /** Bump when the output changes for the same inputs. */
    static final String VERSION = "2";
    static final String COMPLETE = ".complete";

    static final Map<Task, Recipe> RECIPES = Map.of(
            Task.SENTIMENT, new Recipe(4, 1, 16, 5e-5f, 1e-3f, 0.1f, 0.01f, 0.1f, 8, 0, false, 2),
            Task.EMOTION, new Recipe(3, 1, 32, 1e-4f, 1e-3f, 0.1f, 0.01f, 0.1f, 8, 0, false, 1));

    private final EncoderFiles encoder;
    private final Datasets datasets;
    private final Path cache;
    private final PrintStream log;

    public TrainTunedModels(EncoderFiles encoder, Datasets datasets, Path cache, PrintStream log) {
        this.encoder = encoder;
        this.datasets = datasets;
        this.cache = cache;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        String datasetsArg = null;
        Path cacheDir = null;
        String which = "all";
        boolean force = false;
        boolean printDirs = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasetsArg = args[++i];
                case "--cache" -> cacheDir = Path.of(args[++i]);
                case "--task" -> which = args[++i];
                case "--force" -> force = true;
                case "--print-dirs" -> printDirs = true;
                default -> throw new IllegalArgumentException("usage: TrainTunedModels [--datasets DIR] [--cache DIR] "
                        + "[--task sentiment|emotion|all] [--force] [--print-dirs]");
            }
        }
        Datasets datasets = new Datasets(Datasets.locate(datasetsArg));
        if (!datasets.present()) {
            throw new IllegalStateException("no datasets at " + datasets.root() + " (use --datasets or MOODLENS_DATASETS)");
        }
        EncoderFiles encoder = EncoderFiles.locate();
        if (!encoder.present()) {
            throw new IllegalStateException("no encoder at " + encoder.dir() + ": build models-onnx first");
        }
        TrainTunedModels command = new TrainTunedModels(encoder, datasets, cacheDir != null ? cacheDir : defaultCache(),
                printDirs ? System.err : System.out);
        List<Task> tasks = new ArrayList<>();
        for (Task t : Task.values()) {
            if (which.equals("all") || which.equals(t.id())) {
                tasks.add(t);
            }
        }
        if (printDirs) {
            List<String> dirs = new ArrayList<>();
            for (Task t : tasks) {
                Path dir = command.finalDirectory(t);
                if (!Files.isRegularFile(dir.resolve(COMPLETE))) {
                    System.err.println("no tuned " + t.id() + " model at " + dir + ": run ./moodlens train");
                    System.exit(3);
                }
                dirs.add(dir.toString());
            }
            System.out.println(String.join(" ", dirs));
            return;
        }
        long start = System.nanoTime();
        Map<String, String> out = new LinkedHashMap<>();
        for (Task t : tasks) {
            out.put(t.id(), command.trainIfMissing(t, force).toString());
        }
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v.replace("\\", "\\\\")).append("\","));
        json.append(String.format("\"seconds\":%.1f,\"peak_rss_mib\":%d}", (System.nanoTime() - start) / 1e9,
                PeakMemory.peakRssMib()));
        System.out.println(json);
    }

    static Path defaultCache() {
        String env = System.getenv("MOODLENS_MODEL_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "moodlens", "models");
    }

    /** Where the task's model lives for the current inputs. */
    public Path directory(Task task) throws IOException {
        return cache.resolve(task.modelName() + "-tuned-" + inputsHash(task).substring(0, 16));
    }

    /** Tasks whose final model refits the assembler's bag-of-wordpieces head on the tuned encoder ({@link BagHeadRefit}). */
    static final java.util.Set<Task> BAG_HEAD_TASKS = java.util.Set.of(Task.EMOTION);
    /** Bump when the bag stage's output changes for the same fine-tuned model. */
    static final String BAG_VERSION = "1";

    /** The directory served for the task: the fine-tuned one, or its bag-head refit. */
    public Path finalDirectory(Task task) throws IOException {
        Path tuned = directory(task);
        return BAG_HEAD_TASKS.contains(task) ? tuned.resolveSibling(tuned.getFileName() + "-bag" + BAG_VERSION) : tuned;
    }

    public Path trainIfMissing(Task task, boolean force) throws IOException, ai.onnxruntime.OrtException {
        Path tuned = fineTuneIfMissing(task, force);
        Path dir = finalDirectory(task);
        if (dir.equals(tuned) || (!force && Files.isRegularFile(dir.resolve(COMPLETE)))) {
            return dir;
        }
        long start = System.nanoTime();
        TuningData data = TuningData.of(task, datasets, RECIPES.get(task).seed(), 0);
        ModelProto baseEncoder = HeadGraphWriter.read(encoder.fp32());
        Map<String, float[]> values = BagHeadRefit.encoderValues(HeadGraphWriter.read(tuned.resolve("onnx/model.onnx")), baseEncoder);
        ModelProto tunedEncoder = TunedGraphWriter.withTunedWeights(baseEncoder, values);
        com.fasterxml.jackson.databind.JsonNode config = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tuned.resolve("config.json").toFile());
        double linearScore = config.path("moodlens").path("recipe").path("validation_score").asDouble();
        Map<String, Object> recipe = new LinkedHashMap<>();
        config.path("moodlens").path("recipe").fields().forEachRemaining(e -> recipe.put(e.getKey(), e.getValue().isNumber()
                ? e.getValue().numberValue() : e.getValue().asText()));
        recipe.put("linear_head_validation_score", linearScore);
        BagHeadRefit.Outcome bag = BagHeadRefit.fit(task, tunedEncoder, encoder.tokenizer(), data.train(), data.validation(),
                recipe, log);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        ModelFiles.deleteRecursively(partial);
        Files.createDirectories(partial.resolve("onnx"));
        String card = Files.readString(tuned.resolve("README.md"), StandardCharsets.UTF_8);
        if (bag.validationScore() > linearScore) {
            String doc = task.modelName() + "-tuned: " + EncoderFiles.COORDINATES + " fine-tuned + bag head (MoodLens)";
            HeadGraphWriter.write(HeadGraphWriter.withHead(tunedEncoder, bag.head(), EncoderFiles.VOCAB_SIZE, doc),
                    partial.resolve("onnx/model.onnx"));
            HeadGraphWriter.write(HeadGraphWriter.withHead(Int8WeightWriter.withTunedWeights(
                            HeadGraphWriter.read(encoder.quantized()), values), bag.head(), EncoderFiles.VOCAB_SIZE,
                    doc.replace(EncoderFiles.COORDINATES, EncoderFiles.QUANTIZED_COORDINATES)), partial.resolve("onnx/model_quantized.onnx"));
            card = card.replace("## Scores", String.format("## Head refit: bag of wordpieces%n%nThe linear head was "
                            + "replaced by the assembler's head (standardised embedding + bag of wordpieces, class-balanced "
                            + "softmax regression by L-BFGS, `HeadTrainer`) fitted on the fine-tuned encoder's features of %s "
                            + "(%d texts), %s chosen on CARER val: validation score %.2f against %.2f for the linear head. "
                            + "Stage time %.0f s, peak RSS of the whole run %d MiB.%n%n## Scores",
                    data.train().name(), data.train().size(), bag.setting(), bag.validationScore(), linearScore,
                    (System.nanoTime() - start) / 1e9, PeakMemory.peakRssMib()));
            new ModelDirectoryWriter(encoder).writeMetadata(task.modelName() + "-tuned", bag.head(), card, partial);
        } else {
            log.printf("%s: the bag head (%.2f) does not beat the linear head (%.2f): kept the linear head%n", task.id(),
                    bag.validationScore(), linearScore);
            for (String f : new String[]{"onnx/model.onnx", "onnx/model_quantized.onnx", "config.json", "tokenizer.json",
                    "tokenizer_config.json", "special_tokens_map.json", "README.md"}) {
                Files.copy(tuned.resolve(f), partial.resolve(f));
            }
        }
        Files.writeString(partial.resolve(COMPLETE), inputsHash(task) + " bag " + BAG_VERSION + "\n", StandardCharsets.UTF_8);
        ModelFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        log.printf("%s: final model written to %s (%.0f s)%n", task.id(), dir, (System.nanoTime() - start) / 1e9);
        return dir;
    }

    Path fineTuneIfMissing(Task task, boolean force) throws IOException {
        Path dir = directory(task);
        if (!force && Files.isRegularFile(dir.resolve(COMPLETE))) {
            log.printf("%s: tuned model cached at %s%n", task.id(), dir);
            return dir;
        }
        long start = System.nanoTime();
        Recipe recipe = RECIPES.get(task);
        TuningData data = TuningData.of(task, datasets, recipe.seed(), recipe.maxTrain());
        log.printf("%s: %s%n", task.id(), data.description());
        TokenizedTexts train = TokenizedTexts.of(data.train(), encoder.tokenizer());
        TokenizedTexts validation = TokenizedTexts.of(data.validation(), encoder.tokenizer());
        ModelProto encoderGraph = HeadGraphWriter.read(encoder.fp32());
        EncoderWeights weights = EncoderWeights.of(encoderGraph);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        ModelFiles.deleteRecursively(partial);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TunableClassifier model = TunableClassifier.create(task, weights, manager, recipe.seed());
            FineTuner.Result result = new FineTuner(manager, log).fit(model, train, validation, recipe);
            Map<String, Object> recipeForConfig = new LinkedHashMap<>(recipe.describe());
            recipeForConfig.put("method", "fine-tuned encoder + linear head (DJL PyTorch), written back into the ONNX graph");
            recipeForConfig.put("data", data.description());
            recipeForConfig.put("best_epoch", result.bestEpoch());
            recipeForConfig.put("validation_score", Math.round(result.bestScore() * 100) / 100.0);
            Head head = model.head(recipeForConfig);
            Map<String, float[]> tuned = TunedGraphWriter.byInitializer(model, result.best());
            String name = task.modelName() + "-tuned";
            String doc = name + ": " + EncoderFiles.COORDINATES + " fine-tuned + head (MoodLens)";
            Files.createDirectories(partial.resolve("onnx"));
            HeadGraphWriter.write(TunedGraphWriter.classifier(encoderGraph, tuned, head, doc),
                    partial.resolve("onnx/model.onnx"));
            ModelProto quantizedEncoder = HeadGraphWriter.read(encoder.quantized());
            HeadGraphWriter.write(HeadGraphWriter.withHead(Int8WeightWriter.withTunedWeights(quantizedEncoder, tuned),
                            head, EncoderFiles.VOCAB_SIZE, doc.replace(EncoderFiles.COORDINATES, EncoderFiles.QUANTIZED_COORDINATES)),
                    partial.resolve("onnx/model_quantized.onnx"));
            double seconds = (System.nanoTime() - start) / 1e9;
            long rss = PeakMemory.peakRssMib();
            new ModelDirectoryWriter(encoder).writeMetadata(name, head,
                    TunedModelCard.markdown(task, name, data, recipe, result, seconds, rss, inputsHash(task)), partial);
            Files.writeString(partial.resolve(COMPLETE), inputsHash(task) + "\n", StandardCharsets.UTF_8);
            log.printf("%s: trained in %.0f s, peak RSS %d MiB%n", task.id(), seconds, rss);
        }
        ModelFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        log.printf("%s: tuned model written to %s%n", task.id(), dir);
        return dir;
    }

    /** sha-256 over what decides the model: code version, task, recipe, encoder and tokenizer, the data files. */
    String inputsHash(Task task) throws IOException {
        StringBuilder s = new StringBuilder("tuned " + VERSION + "\n" + task.id() + "\n" + RECIPES.get(task).describe() + "\n");
        List<Path> files = new ArrayList<>(List.of(encoder.fp32(), encoder.quantized(), encoder.tokenizer()));
        if (task == Task.SENTIMENT) {
            files.add(datasets.root().resolve("tweeteval/sentiment/val_text.txt"));
            files.add(datasets.root().resolve("tweeteval/sentiment/val_labels.txt"));
        } else {
            files.add(datasets.root().resolve("carer-emotion/train.txt"));
            files.add(datasets.root().resolve("carer-emotion/val.txt"));
        }
        for (Path f : files) {
            s.append(ModelFiles.sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        return ModelFiles.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }
}
