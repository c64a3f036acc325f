package dev.moodlens.models.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moodlens.models.head.Task;
import dev.moodlens.models.runtime.ModelDirectory;
import dev.moodlens.models.runtime.Precision;
import dev.moodlens.models.runtime.Prediction;
import dev.moodlens.models.runtime.SequenceClassifier;
import dev.moodlens.models.runtime.TokenizedText;
import dev.moodlens.models.train.Datasets;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores sentiment and emotion models on the public test splits, through the serving runtime
 * ({@link SequenceClassifier}: same tokenizer and ONNX Runtime code as the inference service).
 * <pre>
 * EvaluationCommand [--datasets DIR] [--precision fp32|int8|both] [--threads N] [--record FILE] [MODEL_DIR...]
 * </pre>
 * Without model directories it scores the two bundled models. Each directory is matched to
 * TweetEval sentiment or CARER by its labels, so Hub snapshots work too. Prints a report and, as
 * the LAST line, one JSON object for machines. {@code --record FILE} also writes the figures for the
 * model cards (src/main/heads/scores.json).
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

    /** Scores of one model on its benchmark. */
    public record Result(Benchmark benchmark, String model, ConfusionMatrix matrix, int texts, double seconds) {
    }

    public static void main(String[] args) throws IOException {
        String datasetsArg = null;
        String precision = "fp32";
        int threads = 0;
        Path record = null;
        List<Path> models = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasetsArg = args[++i];
                case "--precision" -> precision = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--record" -> record = Path.of(args[++i]);
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("usage: EvaluationCommand [--datasets DIR] "
                                + "[--precision fp32|int8|both] [--threads N] [--record FILE] [MODEL_DIR...]");
                    }
                    models.add(Path.of(args[i]));
                }
            }
        }
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
            return new Result(benchmark, name, matrix, data.size(), seconds);
        }
    }

    /** Tokenize, sort by length, classify in batches, argmax over the labels mapped to the benchmark. */
    private static int[] predict(SequenceClassifier classifier, List<String> texts, int[] mapping) {
        List<TokenizedText> tokens = new ArrayList<>(texts.size());
        for (String t : texts) {
            tokens.add(classifier.tokenize(t));
        }
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> tokens.get(i).length()).thenComparingInt(i -> i));
        int[] predicted = new int[texts.size()];
        for (int start = 0; start < order.length; start += BATCH) {
            List<TokenizedText> batch = new ArrayList<>();
            for (int b = start; b < Math.min(order.length, start + BATCH); b++) {
                batch.add(tokens.get(order[b]));
            }
            List<Prediction> predictions = classifier.predict(batch);
            for (int b = 0; b < predictions.size(); b++) {
                float[] p = predictions.get(b).probabilities();
                int best = -1;
                for (int l = 0; l < p.length; l++) {
                    if (mapping[l] >= 0 && (best < 0 || p[l] > p[best])) {
                        best = l;
                    }
                }
                predicted[order[start + b]] = mapping[best];
            }
        }
        return predicted;
    }

    /** One run's JSON: {sentiment_model, emotion_model, precision, tweeteval_sentiment, carer, texts_per_s}. */
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
            } else {
                node.put("emotion_model", r.model());
                ObjectNode s = node.putObject("carer");
                s.put("accuracy", round(r.matrix().accuracy()));
                s.put("macro_f1", round(r.matrix().macroF1()));
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
                && abs.getParent().getFileName().toString().equals("bundled-models")) {
            return abs.getFileName().toString();
        }
        return dir.toString();
    }

    static Path bundledDir() {
        String dir = System.getProperty("moodlens.bundled.dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        Path root = Path.of(System.getProperty("moodlens.root", ".")).toAbsolutePath();
        return root.resolve("models-onnx/target/classes/bundled-models");
    }
}
