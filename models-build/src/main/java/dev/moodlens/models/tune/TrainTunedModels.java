package dev.moodlens.models.tune;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.moodlens.models.assemble.EncoderAdapters;
import dev.moodlens.models.assemble.ModelCard;
import dev.moodlens.models.assemble.EncoderWeights;
import dev.moodlens.models.head.HeadFile;
import dev.moodlens.models.quantize.Int8RangesFile;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.assemble.ModelDirectoryWriter;
import dev.moodlens.models.assemble.ModelFiles;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.quantize.ActivationRanges;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.DatasetsOption;
import dev.moodlens.models.train.MachineCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Fine-tunes the models of every hardware tier (each task on each {@link Encoder}) and writes each as a
 * model directory in the Hugging Face ONNX layout, cached by a hash of its inputs (encoder files, dataset
 * files, recipe, {@link #VERSION}) under {@code MOODLENS_MODEL_CACHE} (default {@code ~/.cache/moodlens/models}):
 * a second run finds them and trains nothing. Training is single-flight across processes: a process that
 * wants a model another process is training waits on the model's file lock, then reuses the result.
 * <pre>
 * TrainTunedModels [--datasets DIR] [--cache DIR] [--encoder minilm-l6|bge-small|e5-small|all] [--task sentiment|emotion|all]
 *                  [--force] [--print-dirs]
 * TrainTunedModels --bundle HEADS_DIR [--task ...] [--force]     # the bundled models' adapters (ADAPTER_RECIPES)
 * </pre>
 * {@code --print-dirs} trains nothing: it prints the cached model directories of one encoder (sentiment then
 * emotion, space separated) or fails when one is missing. The last line of a run is a JSON object with the
 * directories, the time and the peak RSS.
 */
public final class TrainTunedModels {

    /** Bump when the output changes for the same inputs. */
    static final String VERSION = "5";
    static final String COMPLETE = ".complete";

    /**
     * Sized for the time budget (under 30 minutes per model on 2 idle cores, tokenization, validation and
     * int8 calibration included): about 20,000 texts per epoch and two epochs on minilm-l6 (6 layers); on the
     * 12-layer encoders (about twice the cost per text, bottom 3-4 layers frozen, texts cut at 64 tokens for
     * memory: activations of 12 layers at 96 tokens took the peak RSS to 5.5 GiB) three epochs of 20,200 for
     * sentiment, four of 16,000 for emotion (16 and 21 minutes). Sentiment draws 2,400 tweets per epoch: more
     * passes over the 1,600 TweetEval tweets overfit them (4,800 per epoch lost 0.5 point of validation); emotion
     * kept gaining on validation in a fourth epoch (79.40 after three, 80.13 after four).
     */
    static final Map<Encoder, Map<Task, Recipe>> RECIPES = Map.of(
            Encoder.MINILM_L6, Map.of(
                    Task.SENTIMENT, new Recipe(2, 32, 6e-5f, 1e-3f, 0.06f, 0.01f, 0.1f, 8, false, 1, 96, 1f, 0,
                            Map.of("tweeteval-sentiment", 3200, "tweeteval-emotion", 1500, "sst-sentences", 4000,
                                    "sst-phrases", 3000, "goemotions-group", 3500, "carer", 1500, "emobank", 3300)),
                    Task.EMOTION, new Recipe(2, 32, 8e-5f, 1e-3f, 0.06f, 0.01f, 0.1f, 8, false, 1, 96, 1f, 0,
                            Map.of("carer", 12000, "goemotions", 6000, "tweeteval-emotion", 2000))),
            Encoder.BGE_SMALL, twelveLayerRecipes(),
            Encoder.E5_SMALL, twelveLayerRecipes());

    private static Map<Task, Recipe> twelveLayerRecipes() {
        return Map.of(
                Task.SENTIMENT, new Recipe(3, 32, 5e-5f, 1e-3f, 0.06f, 0.01f, 0.1f, 8, false, 4, 64, 1.5f, 0,
                        Map.of("tweeteval-sentiment", 2400, "tweeteval-emotion", 1200, "sst-sentences", 4000,
                                "sst-phrases", 3000, "goemotions-group", 4000, "carer", 800, "emobank", 4000)),
                // CARER's labels follow its emotion words: they need more passes than prose sentiment does
                Task.EMOTION, new Recipe(4, 32, 8e-5f, 1e-3f, 0.06f, 0.01f, 0.1f, 8, false, 3, 64, 1f, 0,
                        Map.of("carer", 12000, "goemotions", 3000, "tweeteval-emotion", 1000)));
    }

    /** The bundled models' encoder: the standard tier's, fine-tuned with low-rank adapters so the build can carry it. */
    public static final Encoder ADAPTED = Encoder.E5_SMALL;
    /**
     * Rank 32 with scale 2 (LoRA's alpha 64). Chosen on the sentiment model's validation score: rank 8 (PEFT's usual
     * start) 77.70, 16 78.19, 32 78.59, against 78.96 for the full fine-tune; about 7 MB to commit per task.
     */
    static final int ADAPTER_RANK = 32;
    static final float ADAPTER_SCALE = 2f;

    /**
     * The bundled models' recipes: the standard tier's epochs and frozen layers, with low-rank adapters (so about 7 MB
     * per model to commit) and a learning rate ten times a full fine-tune's, as adapters start from zero. Sentiment
     * draws the standard tier's data. Emotion starts from the committed sentiment adapters (an encoder that already
     * reads prose polarity) and draws GoEmotions' comments, the closest of the sets to journal prose, over CARER's
     * keyword-led sentences (9,000 and 6,000 an epoch, against the tier's 3,000 and 12,000). On the plan's validation
     * sets (weighted mean; CARER, GoEmotions x2, TweetEval), with adapters of rank 8: 79.48 (81.51 at rank 32),
     * against 79.35 for the tier's data from the published encoder and 79.29 for the tier's data from the sentiment
     * adapters; GoEmotions dev 76.50 against 72.44, CARER val 86.02 against 90.14 (models-build README, "How to
     * retrain the bundled models").
     */
    static final Map<Task, Recipe> ADAPTER_RECIPES = Map.of(
            Task.SENTIMENT, withAdapters(twelveLayerRecipes().get(Task.SENTIMENT), 5e-4f),
            Task.EMOTION, withAdapters(twelveLayerRecipes().get(Task.EMOTION), 5e-4f).startingFrom(Task.SENTIMENT)
                    .withPerEpoch(Map.of("carer", 6000, "goemotions", 9000, "tweeteval-emotion", 1000)));

    private static Recipe withAdapters(Recipe r, float learningRate) {
        return new Recipe(r.epochs(), r.batchSize(), learningRate, r.headLearningRate(), r.warmupFraction(), r.weightDecay(),
                r.dropout(), r.seed(), r.tuneWordEmbeddings(), r.frozenLayers(), r.maxTokens(), r.regressionWeight(),
                ADAPTER_RANK, r.perEpoch());
    }

    /** In a model directory trained with adapters, what the build needs (copied to the heads directory by --bundle). */
    static final String ADAPTERS_FILE = "adapters.safetensors";
    static final String HEAD_FILE = "head.json";
    static final String RANGES_FILE = "int8-ranges.json";

    private final Datasets datasets;
    private final Path cache;
    private final PrintStream log;
    /** The largest peak RSS of the models trained by this command (each model's peak is measured from its start). */
    private long peakRssMib = -1;

    /**
     * Null: trains the tiers' recipes. Else the bundled models' adapter recipes ({@link #ADAPTED}), whose committed files
     * live in this directory (a recipe that starts from another task's adapters reads them here).
     */
    private final Path heads;
    /** The bundled models, a member of the high tier's ensembles. */
    private final BundledMember bundled;

    public TrainTunedModels(Datasets datasets, Path cache, PrintStream log) {
        this(datasets, cache, log, null);
    }

    public TrainTunedModels(Datasets datasets, Path cache, PrintStream log, Path heads) {
        this.heads = heads;
        this.datasets = datasets;
        this.cache = cache;
        this.log = log;
        this.bundled = new BundledMember(cache, heads != null ? heads : BundledMember.committedHeads(), log);
    }

    /** The command line (the launcher's {@code train}). */
    @Command(name = "TrainTunedModels", mixinStandardHelpOptions = true,
            description = "Fine-tunes the serving tiers' models, once per machine (cached); the last line is JSON.")
    static final class Options implements Callable<Integer> {
        @Mixin
        DatasetsOption datasets = new DatasetsOption();
        @Option(names = "--cache", paramLabel = "DIR", description = "the tuned-model cache (default: the machine's)")
        Path cache;
        @Option(names = "--task", defaultValue = "all", description = "sentiment, emotion or all (default: ${DEFAULT-VALUE})")
        String task;
        @Option(names = "--tier", defaultValue = "all", description = "low, standard, high or all (default: ${DEFAULT-VALUE})")
        String tier;
        @Option(names = "--encoder", description = "one encoder instead of tiers: minilm-l6, bge-small or e5-small")
        String encoder;
        @Option(names = "--force", description = "train again even when cached")
        boolean force;
        @Option(names = "--bundle", paramLabel = "DIR", description = "train the bundled models instead (low-rank adapters on "
                + "e5-small) and copy what the build needs (adapters, head, int8 ranges) into DIR, e.g. models-build/src/main/heads")
        Path bundle;
        @Option(names = "--print-dirs", description = "print the model directories of one tier or encoder and exit (3 when not trained)")
        boolean printDirs;

        @Override
        public Integer call() throws Exception {
            if (bundle != null) {
                bundle(datasets.dir(), cache, task, force, bundle);
            } else {
                run(datasets.dir(), cache, task, tier, encoder, force, printDirs);
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The datasets, or exit code 2 when they (prose included) are not there. */
    private static Datasets datasetsOrExit(String datasetsArg) {
        Datasets datasets = new Datasets(Datasets.locate(datasetsArg));
        if (!datasets.present() || !datasets.prosePresent()) {
            System.err.println("no datasets at " + datasets.root() + " (use --datasets or MOODLENS_DATASETS)");
            System.exit(2);
        }
        return datasets;
    }

    /** Trains (or finds) the bundled models and copies their committed files into {@code heads}. */
    private static void bundle(String datasetsArg, Path cacheDir, String whichTask, boolean force, Path heads) throws Exception {
        TrainTunedModels command = new TrainTunedModels(datasetsOrExit(datasetsArg), cacheDir != null ? cacheDir : defaultCache(),
                System.out, heads);
        long start = System.nanoTime();
        for (Task t : Task.values()) {
            if (!whichTask.equals("all") && !whichTask.equals(t.id())) {
                continue;
            }
            Path dir = command.trainIfMissing(ADAPTED, t, force);
            Files.createDirectories(heads);
            Files.copy(dir.resolve(ADAPTERS_FILE), EncoderAdapters.path(heads, t), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve(HEAD_FILE), HeadFile.path(heads, t), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve(RANGES_FILE), Int8RangesFile.path(heads, t), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(dir.resolve(ModelLayout.README), ModelCard.trainingCardPath(heads, t), StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("%s: adapters, head, int8 ranges and training card from %s copied to %s%n", t.id(), dir, heads);
        }
        System.out.printf("{\"heads\":\"%s\",\"seconds\":%.1f,\"peak_rss_mib\":%d}%n", heads,
                (System.nanoTime() - start) / 1e9, Math.max(command.peakRssMib, PeakMemory.peakRssMib()));
    }

    private static void run(String datasetsArg, Path cacheDir, String whichTask, String whichTier, String whichEncoder,
                            boolean force, boolean printDirs) throws Exception {
        Datasets datasets = datasetsOrExit(datasetsArg);
        TrainTunedModels command = new TrainTunedModels(datasets, cacheDir != null ? cacheDir : defaultCache(),
                printDirs ? System.err : System.out);
        List<Task> tasks = new ArrayList<>();
        for (Task t : Task.values()) {
            if (whichTask.equals("all") || whichTask.equals(t.id())) {
                tasks.add(t);
            }
        }
        Encoder oneEncoder = whichEncoder != null ? Encoder.byId(whichEncoder) : null;
        List<ServingTier> tiers = oneEncoder != null ? List.of()
                : whichTier.equals("all") ? List.of(ServingTier.values()) : List.of(ServingTier.byId(whichTier));
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no such task: " + whichTask);
        }
        if (printDirs) {
            if (tiers.size() > 1) {
                throw new IllegalArgumentException("--print-dirs takes one --tier or one --encoder");
            }
            List<String> dirs = new ArrayList<>();
            for (Task t : tasks) {
                Path dir = oneEncoder != null ? command.directory(oneEncoder, t) : command.tierDirectory(tiers.get(0), t);
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
            // every encoder the chosen tiers fine-tune for this task, each trained once
            List<Encoder> encoders = new ArrayList<>();
            if (oneEncoder != null) {
                encoders.add(oneEncoder);
            }
            tiers.forEach(tier -> tier.members(t).stream().filter(m -> !m.bundled()).map(ServingTier.Member::encoder)
                    .filter(e -> !encoders.contains(e)).forEach(encoders::add));
            for (Encoder e : encoders) {
                out.put(e.id() + "/" + t.id(), command.trainIfMissing(e, t, force).toString());
            }
        }
        for (ServingTier tier : tiers) {
            for (Task t : tasks) {
                out.put(tier.id() + "/" + t.id(), command.tierDirectory(tier, t).toString());
                command.ensembleIfMissing(tier, t);
            }
        }
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v.replace("\\", "\\\\")).append("\","));
        json.append(String.format("\"seconds\":%.1f,\"peak_rss_mib\":%d}", (System.nanoTime() - start) / 1e9,
                Math.max(command.peakRssMib, PeakMemory.peakRssMib())));
        System.out.println(json);
    }

    /** The tier's model of a task: its one member's model, or the ensemble of its members' models. */
    public Path tierDirectory(ServingTier tier, Task task) throws IOException {
        List<ServingTier.Member> members = tier.members(task);
        if (members.size() == 1) {
            return memberDirectory(members.get(0), task);
        }
        StringBuilder names = new StringBuilder("ensemble " + ENSEMBLE_VERSION);
        for (ServingTier.Member m : members) {
            names.append(' ').append(cache.relativize(memberDirectory(m, task)));
        }
        String hash = ModelFiles.sha256(names.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return cache.resolve(task.modelName() + "-" + tier.id() + "-" + hash);
    }

    /** Bump when the ensemble's output changes for the same members (2: weights chosen on validation). */
    static final String ENSEMBLE_VERSION = "2";

    /**
     * Writes the tier's ensemble model directory from its members', unless it exists: the bundled member is assembled
     * first when missing; the fine-tuned ones are trained by then ({@code run} trains every tier's encoders first).
     */
    void ensembleIfMissing(ServingTier tier, Task task) throws IOException {
        if (tier.members(task).size() == 1) {
            return;
        }
        Path dir = tierDirectory(tier, task);
        List<Path> members = new ArrayList<>();
        for (ServingTier.Member m : tier.members(task)) {
            members.add(m.bundled() ? bundled.assembleIfMissing(task) : directory(m.encoder(), task));
        }
        SingleFlight.once(cache.resolve(".locks").resolve(dir.getFileName() + ".lock"), dir.resolve(COMPLETE),
                tier.id() + "/" + task.id(), log, () -> {
                    EnsembleWeights.Choice choice = EnsembleWeights.choose(TrainingPlan.of(task, datasets,
                            sameSeed(tier, task)), members);
                    log.printf("%s/%s: weights %s, validation %.2f (even %.2f; members alone %s)%n", tier.id(), task.id(),
                            Arrays.toString(choice.weights()), choice.score(), choice.evenScore(), Arrays.toString(choice.memberScores()));
                    EnsembleDirectory.write(task, tier, members, choice, dir, COMPLETE);
                });
        log.printf("%s/%s: ensemble of %d models at %s%n", tier.id(), task.id(), members.size(), dir);
    }

    private Path memberDirectory(ServingTier.Member member, Task task) throws IOException {
        return member.bundled() ? bundled.directory(task) : directory(member.encoder(), task);
    }

    /**
     * A member's recipe, for the plan whose validation sets choose the ensemble's weights: the held-out parts
     * of TweetEval and EmoBank are split by the recipe's seed, so every member must have trained with the same
     * one or some validation texts would be another member's training texts.
     */
    private Recipe sameSeed(ServingTier tier, Task task) {
        Recipe first = memberRecipe(tier.members(task).get(0), task);
        for (ServingTier.Member m : tier.members(task)) {
            if (memberRecipe(m, task).seed() != first.seed()) {
                throw new IllegalStateException(tier.id() + "/" + task.id() + ": members trained with different seeds");
            }
        }
        return first;
    }

    /** The recipe a member was trained with: the bundled models' adapter recipe, or the encoder's full fine-tune. */
    static Recipe memberRecipe(ServingTier.Member member, Task task) {
        return member.bundled() ? ADAPTER_RECIPES.get(task) : RECIPES.get(member.encoder()).get(task);
    }

    static Path defaultCache() {
        return MachineCache.dir("MOODLENS_MODEL_CACHE", "models");
    }

    /** The model's name: {@code moodlens-<task>-<encoder>}, e.g. {@code moodlens-sentiment-minilm-l6}. */
    public static String modelName(Encoder encoder, Task task) {
        return task.modelName() + "-" + encoder.id();
    }

    private String name(Encoder encoder, Task task) {
        return modelName(encoder, task) + (heads != null ? "-adapters" : "");
    }

    private Recipe recipe(Encoder encoder, Task task) {
        if (heads != null && encoder != ADAPTED) {
            throw new IllegalArgumentException("adapter recipes are for " + ADAPTED.id() + ", not " + encoder.id());
        }
        return memberRecipe(new ServingTier.Member(encoder, heads != null), task);
    }

    /** Where the model lives for the current inputs. */
    public Path directory(Encoder encoder, Task task) throws IOException {
        return cache.resolve(name(encoder, task) + "-" + inputsHash(encoder, task).substring(0, 16));
    }

    /**
     * The model directory, trained first when the cache lacks it. One training per model at a time across
     * processes: the lock file {@code .locks/<dir>.lock} is held while training; a second process blocks on it
     * and then finds the finished model.
     */
    public Path trainIfMissing(Encoder encoder, Task task, boolean force) throws IOException {
        Path dir = directory(encoder, task);
        if (!force && Files.isRegularFile(dir.resolve(COMPLETE))) {
            log.printf("%s/%s: tuned model cached at %s%n", encoder.id(), task.id(), dir);
            return dir;
        }
        Path lockFile = cache.resolve(".locks").resolve(dir.getFileName() + ".lock");
        if (force) {
            ModelFiles.deleteRecursively(dir);
        }
        SingleFlight.once(lockFile, dir.resolve(COMPLETE), encoder.id() + "/" + task.id(), log, () -> train(encoder, task, dir));
        return dir;
    }

    private void train(Encoder encoder, Task task, Path dir) throws IOException {
        // One process trains every model of a run: a full collection lets G1 hand the previous model's heap back,
        // and the peak starts anew, so a model's card reports its own peak (e5-small emotion after e5-small
        // sentiment in one process reported 4,275 MiB; alone, 3,512).
        System.gc();
        PeakMemory.reset();
        long start = System.nanoTime();
        EncoderFiles files = EncoderFiles.locate(encoder);
        if (!files.present()) {
            throw new IllegalStateException("no " + encoder.id() + " encoder at " + files.dir() + ": build models-build first");
        }
        Recipe recipe = recipe(encoder, task);
        TrainingPlan plan = TrainingPlan.of(task, datasets, recipe);
        log.printf("%s/%s: training%n", encoder.id(), task.id());
        plan.describe().forEach(line -> log.println("  " + line));
        List<FineTuner.Source> sources = new ArrayList<>();
        for (TrainingPlan.Source s : plan.sources()) {
            sources.add(new FineTuner.Source(s.texts().name(), TokenizedTexts.of(s.texts(), files.tokenizer(), recipe.maxTokens()),
                    s.perEpoch()));
        }
        List<FineTuner.Validation> validations = new ArrayList<>();
        for (TrainingPlan.Validation v : plan.validations()) {
            validations.add(new FineTuner.Validation(v.texts().name(),
                    TokenizedTexts.of(v.texts(), files.tokenizer(), recipe.maxTokens()), v.metric(), v.weight()));
        }
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        ModelFiles.deleteRecursively(partial);
        Map<String, float[]> tuned;
        Head head;
        FineTuner.Result result;
        String name = name(encoder, task);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ModelProto encoderGraph = HeadGraphWriter.read(files.fp32());
            TunableClassifier model = TunableClassifier.create(task, EncoderWeights.of(encoderGraph), manager, recipe.seed());
            if (recipe.adapterRank() > 0) {
                model.encoder().adapt(recipe.adapterRank(), ADAPTER_SCALE, recipe.frozenLayers(), recipe.seed(), manager);
            }
            if (recipe.startFrom() != null) {
                Path startFile = startFile(recipe);
                model.startFrom(EncoderAdapters.read(startFile), recipe::trains);
                log.printf("%s/%s: starting from %s%n", encoder.id(), task.id(), startFile);
            }
            encoderGraph = null; // the weights are in the model now; the graph is read again for the write-back
            result = new FineTuner(manager, log).fit(model, sources, validations, recipe);
            Map<String, Object> recipeForConfig = new LinkedHashMap<>(recipe.describe());
            recipeForConfig.put("method", "fine-tuned encoder + linear head (DJL PyTorch), written back into the ONNX graph");
            recipeForConfig.put("encoder", encoder.coordinates());
            recipeForConfig.put("best_epoch", result.bestEpoch());
            recipeForConfig.put("validation_score", FineTuner.twoDecimals(result.bestScore()));
            head = model.head(recipeForConfig);
            tuned = model.encoderByInitializer(result.best());
            if (recipe.adapterRank() > 0) {
                Files.createDirectories(partial);
                model.adapters(encoder, role -> recipe.trains(role) && !role.startsWith(TunableClassifier.HEAD_PREFIX), result.best())
                        .write(partial.resolve(ADAPTERS_FILE));
                HeadFile.write(head, partial.resolve(HEAD_FILE));
            }
        }
        String doc = name + ": " + encoder.coordinates() + " fine-tuned + head (MoodLens)";
        ModelDirectoryWriter writer = new ModelDirectoryWriter(files);
        writer.writeTunedFp32(HeadGraphWriter.read(files.fp32()), tuned, head, doc, partial);
        ModelProto dynamicInt8 = writer.tunedDynamicInt8(tuned, head, doc);
        try {
            Map<String, float[]> ranges = ActivationRanges.calibrate(dynamicInt8, files.tokenizer(), EncoderFiles.MAX_LENGTH,
                    calibrationTexts(plan, recipe.seed()), ActivationRanges.Policy.MEAN_OF_EXTREMES);
            ModelDirectoryWriter.writeStaticInt8(dynamicInt8, ranges, partial);
            if (recipe.adapterRank() > 0) {
                Int8RangesFile.write(partial.resolve(RANGES_FILE), encoder.quantizedCoordinates(), ranges);
            }
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException("int8 calibration failed: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rss = PeakMemory.peakRssMib();
        peakRssMib = Math.max(peakRssMib, rss);
        writer.writeMetadata(name, head,
                TunedModelCard.markdown(task, encoder, name, plan, recipe, result, seconds, rss, inputsHash(encoder, task)), partial);
        Files.writeString(partial.resolve(COMPLETE), inputsHash(encoder, task) + "\n", StandardCharsets.UTF_8);
        log.printf("%s/%s: trained in %.0f s, peak RSS %d MiB%n", encoder.id(), task.id(), seconds, rss);
        ModelFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        log.printf("%s/%s: tuned model written to %s%n", encoder.id(), task.id(), dir);
    }

    /** Texts whose activations set the int8 graph's static scales: {@value #CALIBRATION_PER_SOURCE} of every training source, fixed by the seed. */
    static List<String> calibrationTexts(TrainingPlan plan, long seed) {
        List<String> texts = new ArrayList<>();
        for (TrainingPlan.Source s : plan.sources()) {
            for (int i : Sampling.forEpoch(s.texts().size(), Math.min(CALIBRATION_PER_SOURCE, s.texts().size()), 1, seed + 77)) {
                texts.add(s.texts().texts().get(i));
            }
        }
        return texts;
    }

    static final int CALIBRATION_PER_SOURCE = 120;

    /** sha-256 over what decides the model: code version, task, encoder, recipe, encoder and tokenizer files, data files. */
    String inputsHash(Encoder encoder, Task task) throws IOException {
        EncoderFiles files = EncoderFiles.locate(encoder);
        Recipe recipe = recipe(encoder, task);
        StringBuilder s = new StringBuilder("tuned " + VERSION + "\n" + task.id() + "\n" + encoder.id() + "\n"
                + recipe.describe() + "\n");
        List<Path> inputs = new ArrayList<>(List.of(files.fp32(), files.quantized(), files.tokenizer()));
        if (recipe.startFrom() != null) { // a retrained start retrains this model
            inputs.add(startFile(recipe));
        }
        inputs.addAll(dataFiles(task));
        for (Path f : inputs) {
            s.append(ModelFiles.sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        return ModelFiles.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The committed adapters a recipe starts from. */
    private Path startFile(Recipe recipe) {
        if (heads == null) {
            throw new IllegalStateException("a recipe that starts from committed adapters trains with --bundle");
        }
        return EncoderAdapters.path(heads, recipe.startFrom());
    }

    private List<Path> dataFiles(Task task) {
        Path r = datasets.root();
        List<Path> files = new ArrayList<>(List.of(r.resolve("carer-emotion/train.txt"), r.resolve("carer-emotion/val.txt"),
                r.resolve("tweeteval/emotion/train_text.txt"), r.resolve("tweeteval/emotion/train_labels.txt")));
        if (task == Task.SENTIMENT) {
            files.addAll(List.of(r.resolve("tweeteval/sentiment/val_text.txt"), r.resolve("tweeteval/sentiment/val_labels.txt"),
                    r.resolve("sst/train.tsv"), r.resolve("sst/train-trees.txt"), r.resolve("sst/dev.tsv"),
                    r.resolve("goemotions/group/train.tsv"), r.resolve("goemotions/group/dev.tsv"), r.resolve("emobank/train.tsv")));
        } else {
            files.addAll(List.of(r.resolve("goemotions/original/train.tsv"), r.resolve("goemotions/original/dev.tsv"),
                    r.resolve("tweeteval/emotion/val_text.txt"), r.resolve("tweeteval/emotion/val_labels.txt")));
        }
        return files;
    }
}
