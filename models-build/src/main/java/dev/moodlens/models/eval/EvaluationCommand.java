package dev.moodlens.models.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moodlens.models.head.ModelsBuildPaths;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.DatasetsOption;
import dev.moodlens.models.train.LabelMapping;
import dev.moodlens.models.train.LabelledTexts;
import dev.moodlens.models.train.MultiLabelTexts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
 * Scores sentiment and emotion models on the public test splits, through the serving runtime
 * ({@link SequenceClassifier}: same tokenizer and ONNX Runtime code as the inference service).
 * <pre>
 * EvaluationCommand [--datasets DIR] [--precision fp32|int8|both] [--threads N] [--record FILE] [MODEL_DIR...]
 * EvaluationCommand [--datasets DIR] [--threads N] --tier NAME=SENTIMENT_DIR,EMOTION_DIR,fp32|int8 ... [--default-tier NAME]
 * </pre>
 * Without model directories it scores the two bundled models. Each directory is matched to
 * TweetEval sentiment or CARER by its labels, so Hub snapshots work too. A sentiment model is also scored
 * on prose: SST-5 and SST-2 accuracy on SST test, Pearson r of its mood with EmoBank dev valence
 * ({@link ProseScores}). Prints a report and, as the LAST line, one JSON object for machines; with tiers,
 * the default tier's figures are its top-level keys and every tier's are under {@code "tiers"}.
 * {@code --record FILE} also writes the figures for the model cards (src/main/heads/scores.json).
 */
public final class EvaluationCommand {

    private static final int BATCH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Datasets datasets;
    private final int threads;
    private final PrintStream out;

    public EvaluationCommand(Datasets datasets, int threads, PrintStream out) {
        this.datasets = datasets;
        this.threads = threads;
        this.out = out;
    }

    /** Scores of one model on its benchmark (and, for a sentiment model, on prose). */
    public record Result(Benchmark benchmark, String model, ConfusionMatrix matrix, int texts, double seconds,
                         Prose prose, ConfusionMatrix goEmotions) {
    }

    /** SST-5 and SST-2 accuracy on SST test, Pearson r with EmoBank dev valence; null when the datasets lack them. */
    public record Prose(double sst5Accuracy, double sst2Accuracy, double emobankPearson) {
    }

    /** A hardware tier as the inference service serves it: a sentiment and an emotion model at one precision. */
    record Tier(String name, Path sentiment, Path emotion, Precision precision) {
        static Tier parse(String spec) {
            int eq = spec.indexOf('=');
            String[] parts = spec.substring(eq + 1).split(",");
            if (eq <= 0 || parts.length != 3) {
                throw new IllegalArgumentException("--tier NAME=SENTIMENT_DIR,EMOTION_DIR,fp32|int8, not " + spec);
            }
            return new Tier(spec.substring(0, eq), Path.of(parts[0]), Path.of(parts[1]),
                    parts[2].equals("int8") ? Precision.INT8 : Precision.FP32);
        }
    }

    /** The command line (see the class comment). */
    @Command(name = "EvaluationCommand", mixinStandardHelpOptions = true,
            description = "Scores sentiment and emotion models on the public test splits; the last line is JSON.")
    static final class Options implements Callable<Integer> {
        @Mixin
        DatasetsOption datasets = new DatasetsOption();
        @Option(names = "--precision", defaultValue = "fp32", description = "fp32, int8 or both (default: ${DEFAULT-VALUE})")
        String precision;
        @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime intra-op threads (0: its default)")
        int threads;
        @Option(names = "--record", paramLabel = "FILE", description = "also write the figures for the model cards")
        Path record;
        @Option(names = "--tier", paramLabel = "NAME=SENTIMENT_DIR,EMOTION_DIR,fp32|int8", description = "score a serving tier (repeatable)")
        List<String> tiers = new ArrayList<>();
        @Option(names = "--default-tier", paramLabel = "NAME", description = "the tier whose figures lead the JSON (default: the first)")
        String defaultTier;
        @Parameters(paramLabel = "MODEL_DIR", arity = "0..*", description = "model directories (default: the two bundled models)")
        List<Path> models = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            run(datasets.dir(), precision, threads, record, new ArrayList<>(models), tiers.stream().map(Tier::parse).toList(), defaultTier);
            return 0;
        }
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static void run(String datasetsArg, String precision, int threads, Path record, List<Path> models,
                            List<Tier> tiers, String defaultTier) throws IOException {
        if (models.isEmpty()) {
            Path bundled = bundledDir();
            for (Task t : Task.values()) {
                models.add(bundled.resolve(t.modelName()));
            }
        }
        Datasets datasets = new Datasets(Datasets.locate(datasetsArg));
        if (!datasets.present()) {
            throw new IllegalStateException("no datasets at " + datasets.root() + " (use --datasets or MOODLENS_DATASETS)");
        }
        List<Precision> precisions = switch (precision) {
            case "fp32" -> List.of(Precision.FP32);
            case "int8" -> List.of(Precision.INT8);
            case "both" -> List.of(Precision.FP32, Precision.INT8);
            default -> throw new IllegalArgumentException("--precision must be fp32, int8 or both");
        };
        EvaluationCommand command = new EvaluationCommand(datasets, threads, System.out);
        if (!tiers.isEmpty()) {
            ObjectNode byTier = JSON.createObjectNode();
            for (Tier t : tiers) {
                command.out.printf("%n#### tier %s: %s, %s, %s%n", t.name(), t.sentiment(), t.emotion(), key(t.precision()));
                byTier.set(t.name(), summary(List.of(command.evaluate(t.sentiment(), t.precision()),
                        command.evaluate(t.emotion(), t.precision())), t.precision()));
            }
            String top = defaultTier != null ? defaultTier : tiers.get(0).name();
            if (!byTier.has(top)) {
                throw new IllegalArgumentException("--default-tier " + top + " is not one of the tiers");
            }
            ObjectNode last = ((ObjectNode) byTier.get(top)).deepCopy();
            last.put("tier", top);
            last.set("tiers", byTier);
            System.out.println(JSON.writeValueAsString(last));
            return;
        }
        Map<Precision, ObjectNode> runs = new LinkedHashMap<>();
        for (Precision p : precisions) {
            List<Result> results = new ArrayList<>();
            for (Path model : models) {
                results.add(command.evaluate(model, p));
            }
            runs.put(p, summary(results, p));
        }
        ObjectNode last = runs.get(precisions.get(0)).deepCopy();
        if (precisions.size() > 1) {
            for (Precision p : precisions.subList(1, precisions.size())) {
                last.set(key(p), runs.get(p));
            }
        }
        if (record != null) {
            ObjectNode recorded = JSON.createObjectNode();
            runs.forEach((p, node) -> recorded.set(key(p), node));
            Files.writeString(record, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(recorded) + "\n");
            System.out.println("recorded scores in " + record);
        }
        System.out.println(JSON.writeValueAsString(last));
    }

    public Result evaluate(Path modelDir, Precision precision) throws IOException {
        ModelDirectory model = ModelDirectory.open(modelDir);
        Benchmark benchmark = Benchmark.forLabels(model.labels());
        int[] mapping = benchmark.mapping(model.labels());
        LabelledTexts data = benchmark.load(datasets);
        String name = modelName(modelDir);
        out.printf("%n== %s (%s) on %s, %d texts ==%n", name, precision.name().toLowerCase(), benchmark.title(),
                data.size());
        try (SequenceClassifier classifier = SequenceClassifier.open(model, precision, threads)) {
            // warm-up outside the clock: the first run compiles ONNX Runtime kernels
            classifier.classify(data.texts().subList(0, Math.min(8, data.size())));
            long start = System.nanoTime();
            int[] predicted = predict(classifier, data.texts(), mapping);
            double seconds = (System.nanoTime() - start) / 1e9;
            ConfusionMatrix matrix = ConfusionMatrix.of(benchmark.classes(), data.labels(), predicted);
            if (benchmark == Benchmark.TWEETEVAL_SENTIMENT) {
                out.printf("macro-recall %.1f  accuracy %.1f%n", matrix.macroRecall(), matrix.accuracy());
            } else {
                out.printf("accuracy %.1f  macro-F1 %.1f%n", matrix.accuracy(), matrix.macroF1());
            }
            out.print(matrix.format());
            out.printf("%.0f texts/s (%d texts in %.1f s, batches of %d sorted by length)%n",
                    data.size() / seconds, data.size(), seconds, BATCH);
            Prose prose = benchmark == Benchmark.TWEETEVAL_SENTIMENT && datasets.prosePresent()
                    ? prose(classifier, mapping) : null;
            ConfusionMatrix goEmotions = benchmark == Benchmark.CARER && datasets.prosePresent()
                    ? goEmotions(classifier, benchmark, mapping) : null;
            return new Result(benchmark, name, matrix, data.size(), seconds, prose, goEmotions);
        }
    }

    /**
     * An emotion model on GoEmotions test (Reddit comments, closer to journal prose than CARER's "i feel"
     * sentences), its labels mapped to CARER's six by {@link LabelMapping#emotionOfGoEmotions}; comments that
     * map to none (neutral, cognitive labels) or to two emotions are left out.
     */
    private ConfusionMatrix goEmotions(SequenceClassifier classifier, Benchmark benchmark, int[] mapping) throws IOException {
        MultiLabelTexts test = datasets.goEmotions("original", "test");
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < test.texts().size(); i++) {
            List<String> names = new ArrayList<>();
            for (int id : test.labels().get(i)) {
                names.add(test.labelNames().get(id));
            }
            int label = LabelMapping.emotionOfGoEmotions(names);
            if (label != LabelMapping.NONE) {
                texts.add(test.texts().get(i));
                labels.add(label);
            }
        }
        int[] predicted = predict(classifier, texts, mapping);
        ConfusionMatrix m = ConfusionMatrix.of(benchmark.classes(), labels.stream().mapToInt(Integer::intValue).toArray(), predicted);
        out.printf("GoEmotions test mapped to six emotions (%d comments): accuracy %.1f  macro-F1 %.1f%n", texts.size(),
                m.accuracy(), m.macroF1());
        return m;
    }

    /** SST-5 (thresholds fitted on SST dev), SST-2 and EmoBank dev r of a sentiment model's mood. */
    private Prose prose(SequenceClassifier classifier, int[] mapping) throws IOException {
        LabelledTexts dev = datasets.sstSentences("dev");
        LabelledTexts test = datasets.sstSentences("test");
        double[] thresholds = ProseScores.fitThresholds(moods(classifier, dev.texts(), mapping), dev.labels());
        double[] testMood = moods(classifier, test.texts(), mapping);
        double sst5 = ProseScores.sst5Accuracy(testMood, test.labels(), thresholds);
        double sst2 = ProseScores.sst2Accuracy(testMood, test.labels());
        var emobank = datasets.emoBankValence("dev");
        double[] valence = new double[emobank.size()];
        for (int i = 0; i < valence.length; i++) {
            valence[i] = emobank.values()[i];
        }
        double r = Correlation.pearson(moods(classifier, emobank.texts(), mapping), valence);
        out.printf("SST-5 accuracy %.1f (thresholds %s fitted on SST dev)  SST-2 accuracy %.1f  EmoBank dev r %.3f%n",
                sst5, java.util.Arrays.toString(java.util.Arrays.stream(thresholds).map(t -> Math.round(t * 1000) / 1000.0)
                        .toArray()), sst2, r);
        return new Prose(sst5, sst2, r);
    }

    /** P(positive) - P(negative) per text, by the labels mapped to negative (0) and positive (2). */
    private static double[] moods(SequenceClassifier classifier, List<String> texts, int[] mapping) {
        float[][] p = classifier.probabilities(texts, BATCH);
        double[] mood = new double[texts.size()];
        for (int i = 0; i < mood.length; i++) {
            for (int l = 0; l < mapping.length; l++) {
                mood[i] += mapping[l] == 2 ? p[i][l] : mapping[l] == 0 ? -p[i][l] : 0;
            }
        }
        return mood;
    }

    /** Tokenize, sort by length, classify in batches, argmax over the labels mapped to the benchmark. */
    private static int[] predict(SequenceClassifier classifier, List<String> texts, int[] mapping) {
        float[][] p = classifier.probabilities(texts, BATCH);
        int[] predicted = new int[texts.size()];
        for (int i = 0; i < p.length; i++) {
            int best = -1;
            for (int l = 0; l < p[i].length; l++) {
                if (mapping[l] >= 0 && (best < 0 || p[i][l] > p[i][best])) {
                    best = l;
                }
            }
            predicted[i] = mapping[best];
        }
        return predicted;
    }

    /** One run's JSON: {sentiment_model, emotion_model, precision, tweeteval_sentiment, sst, emobank_dev, carer, goemotions_test, texts_per_s}. */
    static ObjectNode summary(List<Result> results, Precision precision) {
        ObjectNode node = JSON.createObjectNode();
        node.putNull("sentiment_model");
        node.putNull("emotion_model");
        node.put("precision", key(precision));
        int texts = 0;
        double seconds = 0;
        for (Result r : results) {
            texts += r.texts();
            seconds += r.seconds();
            if (r.benchmark() == Benchmark.TWEETEVAL_SENTIMENT) {
                node.put("sentiment_model", r.model());
                ObjectNode s = node.putObject("tweeteval_sentiment");
                s.put("macro_recall", round(r.matrix().macroRecall()));
                s.put("accuracy", round(r.matrix().accuracy()));
                if (r.prose() != null) {
                    ObjectNode sst = node.putObject("sst");
                    sst.put("sst5_accuracy", round(r.prose().sst5Accuracy()));
                    sst.put("sst2_accuracy", round(r.prose().sst2Accuracy()));
                    node.putObject("emobank_dev").put("pearson_r", Math.round(r.prose().emobankPearson() * 1000) / 1000.0);
                }
            } else {
                node.put("emotion_model", r.model());
                ObjectNode s = node.putObject("carer");
                s.put("accuracy", round(r.matrix().accuracy()));
                s.put("macro_f1", round(r.matrix().macroF1()));
                if (r.goEmotions() != null) {
                    ObjectNode g = node.putObject("goemotions_test");
                    g.put("accuracy", round(r.goEmotions().accuracy()));
                    g.put("macro_f1", round(r.goEmotions().macroF1()));
                }
            }
        }
        node.put("texts_per_s", Math.round(texts / Math.max(seconds, 1e-9)));
        return node;
    }

    private static String key(Precision p) {
        return p == Precision.FP32 ? "fp32" : "int8";
    }

    static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    /** Bundled: its directory name; a Hub cache snapshot: owner/name; else the path as given. */
    static String modelName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null && p.getFileName() != null; p = p.getParent()) {
            String n = p.getFileName().toString();
            if (n.startsWith("models--")) {
                return n.substring("models--".length()).replace("--", "/");
            }
        }
        if (abs.getParent() != null && abs.getParent().getFileName() != null
                && abs.getParent().getFileName().toString().equals(ModelLayout.BUNDLED_RESOURCES)) {
            return abs.getFileName().toString();
        }
        return dir.toString();
    }

    static Path bundledDir() {
        String dir = System.getProperty("moodlens.bundled.dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return ModelsBuildPaths.projectRoot().resolve("models-bundled/target/classes").resolve(ModelLayout.BUNDLED_RESOURCES);
    }
}
