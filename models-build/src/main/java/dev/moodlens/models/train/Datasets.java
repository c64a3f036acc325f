package dev.moodlens.models.train;

import dev.moodlens.models.head.ModelsBuildPaths;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the public datasets in their shared layout (see ../shared/datasets/README.md). Labels are
 * returned as indexes into the task's label list. Test splits are read only by the evaluation.
 */
public final class Datasets {

    private final Path root;

    public Datasets(Path root) {
        this.root = root;
    }

    /**
     * The datasets directory: the given one, else env MOODLENS_DATASETS, else ../shared/datasets
     * beside the repository (system property moodlens.root, default the working directory).
     */
    public static Path locate(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String env = System.getenv("MOODLENS_DATASETS");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return ModelsBuildPaths.projectRoot().resolve("../shared/datasets").normalize();
    }

    public Path root() {
        return root;
    }

    public boolean present() {
        return Files.isDirectory(root.resolve("tweeteval/sentiment")) && Files.isDirectory(root.resolve("carer-emotion"));
    }

    /** TweetEval sentiment: split val or test (labels 0 negative, 1 neutral, 2 positive, as the task's). */
    public LabelledTexts tweetEvalSentiment(String split) throws IOException {
        Path dir = root.resolve("tweeteval/sentiment");
        List<String> texts = Files.readAllLines(dir.resolve(split + "_text.txt"), StandardCharsets.UTF_8);
        List<String> labelLines = Files.readAllLines(dir.resolve(split + "_labels.txt"), StandardCharsets.UTF_8);
        int[] labels = new int[labelLines.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Integer.parseInt(labelLines.get(i).trim());
            if (labels[i] < 0 || labels[i] >= Task.SENTIMENT.labels().size()) {
                throw new IOException("bad sentiment label on line " + (i + 1) + " of " + split);
            }
        }
        return new LabelledTexts("tweeteval-sentiment-" + split, texts, labels);
    }

    /** CARER ("text;label" lines): split train, val or test, labels mapped onto the emotion task's order. */
    public LabelledTexts carer(String split) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("carer-emotion/" + split + ".txt"), StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>(lines.size());
        int[] labels = new int[lines.size()];
        List<String> names = Task.EMOTION.labels();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int cut = line.lastIndexOf(';');
            int label = cut < 0 ? -1 : names.indexOf(line.substring(cut + 1).trim());
            if (label < 0) {
                throw new IOException("bad CARER line " + (i + 1) + " of " + split + ": " + line);
            }
            texts.add(line.substring(0, cut));
            labels[i] = label;
        }
        return new LabelledTexts("carer-" + split, texts, labels);
    }

    /** TweetEval emotion: split train, val or test; labels 0 anger, 1 joy, 2 optimism, 3 sadness (the dataset's own). */
    public LabelledTexts tweetEvalEmotion(String split) throws IOException {
        Path dir = root.resolve("tweeteval/emotion");
        List<String> texts = Files.readAllLines(dir.resolve(split + "_text.txt"), StandardCharsets.UTF_8);
        List<String> labelLines = Files.readAllLines(dir.resolve(split + "_labels.txt"), StandardCharsets.UTF_8);
        int[] labels = labelLines.stream().mapToInt(l -> Integer.parseInt(l.trim())).toArray();
        return new LabelledTexts("tweeteval-emotion-" + split, texts, labels);
    }

    /** SST sentences ({@code label<TAB>sentence}): split train, dev or test; labels 0 very negative .. 4 very positive. */
    public LabelledTexts sstSentences(String split) throws IOException {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("sst/" + split + ".tsv"), StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                labels.add(Integer.parseInt(line.substring(0, tab).trim()));
                texts.add(line.substring(tab + 1));
            }
        }
        return new LabelledTexts("sst-" + split, texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The labelled phrases of the SST parse trees of a split (not the whole sentences, not single words),
     * each once, in tree order; labels 0..4 as the sentences'.
     */
    public LabelledTexts sstPhrases(String split) throws IOException {
        java.util.Map<String, Integer> phrases = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("sst/" + split + "-trees.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                SstTree.phrases(line, 2).forEach(phrases::putIfAbsent);
            }
        }
        return new LabelledTexts("sst-phrases-" + split, new ArrayList<>(phrases.keySet()),
                phrases.values().stream().mapToInt(Integer::intValue).toArray());
    }

    /** EmoBank ({@code id V A D text} with a header): split train or dev; the valence (1..5) of each text. */
    public ScoredTexts emoBankValence(String split) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> lines = Files.readAllLines(root.resolve("emobank/" + split + ".tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", 5);
            if (cols.length == 5 && !cols[4].isBlank()) {
                ids.add(cols[0]);
                values.add(Float.parseFloat(cols[1]));
                texts.add(cols[4]);
            }
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return new ScoredTexts("emobank-" + split, ids, texts, v);
    }

    /**
     * GoEmotions ({@code text<TAB>ids<TAB>comment id}) in one of its label sets: {@code original} (27 emotions +
     * neutral), {@code ekman} or {@code group}; every label id of each comment, names in {@link #goEmotionsLabels}.
     */
    public MultiLabelTexts goEmotions(String labelSet, String split) throws IOException {
        List<String> texts = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("goemotions/" + labelSet + "/" + split + ".tsv"), StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t");
            if (cols.length >= 2 && !cols[1].isBlank()) {
                texts.add(cols[0]);
                labels.add(java.util.Arrays.stream(cols[1].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
            }
        }
        return new MultiLabelTexts("goemotions-" + labelSet + "-" + split, texts, labels, goEmotionsLabels(labelSet));
    }

    public List<String> goEmotionsLabels(String labelSet) throws IOException {
        return Files.readAllLines(root.resolve("goemotions/" + labelSet + "/labels.txt"), StandardCharsets.UTF_8).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether the prose datasets (SST, EmoBank, GoEmotions) are there too. */
    public boolean prosePresent() {
        return Files.isDirectory(root.resolve("sst")) && Files.isDirectory(root.resolve("emobank"))
                && Files.isDirectory(root.resolve("goemotions"));
    }
}
