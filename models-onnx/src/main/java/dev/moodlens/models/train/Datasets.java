package dev.moodlens.models.train;

import dev.moodlens.models.head.Task;

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
        Path repo = Path.of(System.getProperty("moodlens.root", ".")).toAbsolutePath();
        return repo.resolve("../shared/datasets").normalize();
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
}
