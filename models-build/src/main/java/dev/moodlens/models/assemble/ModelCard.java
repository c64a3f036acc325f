package dev.moodlens.models.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README.md of a bundled model: what it is, the data and their licences, how it was trained,
 * and its benchmark scores exactly as recorded by the evaluation command (src/main/heads/scores.json).
 */
public final class ModelCard {

    public static final String SCORES_FILE = "scores.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode scores;

    private ModelCard(JsonNode scores) {
        this.scores = scores;
    }

    /** Reads the recorded scores if the heads directory has them; a card without scores says so. */
    public static ModelCard from(Path headsDir) throws IOException {
        Path file = headsDir.resolve(SCORES_FILE);
        return new ModelCard(Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null);
    }

    /** The committed card of the training run that made a task's adapters (the tuned model's README.md). */
    public static Path trainingCardPath(Path headsDir, Task task) {
        return headsDir.resolve(task.id() + ".training.md");
    }

    /**
     * The card of a bundled model: what it is and how it is built, the training run's own card ({@code trainingCard}:
     * data, label mapping, recipe, epochs; its headings one level down), the recorded scores, the licences.
     */
    public String markdown(Head head, EncoderAdapters adapters, String trainingCard) {
        Task task = head.task();
        Encoder encoder = adapters.encoder();
        StringBuilder md = new StringBuilder();
        md.append("---\n");
        md.append("language: en\n");
        md.append("license: other\n");
        md.append("library_name: onnx\n");
        md.append("pipeline_tag: text-classification\n");
        md.append("base_model: ").append(encoder.hubName()).append("\n");
        md.append("---\n\n");
        md.append("# ").append(task.modelName()).append("\n\n");
        if (task == Task.SENTIMENT) {
            md.append("English sentiment of sentences and short texts: **negative, neutral, positive**.\n\n");
        } else {
            md.append("English emotion of first-person sentences, as in a journal: **sadness, joy, love, anger, fear, "
                    + "surprise** (the CARER label set).\n\n");
        }
        md.append("Built by MoodLens (`models-build`), not downloaded: the encoder ").append(encoder.displayName())
                .append(" as published on Maven Central (`").append(encoder.coordinates()).append("`, quantized `")
                .append(encoder.quantizedCoordinates()).append("`), fine-tuned with low-rank adapters (rank ")
                .append(adapters.rank()).append(", scale ").append(adapters.scale())
                .append(", on the attention and feed-forward projections of its tuned layers, whose biases and LayerNorms ")
                .append("train in full) and a linear head over masked mean pooling. The adapters (safetensors), the head ")
                .append("and the int8 activation scales are committed (`models-build/src/main/heads`) and merged into the ")
                .append("published graphs at build time. One ONNX graph per file: inputs `input_ids`, `attention_mask`, ")
                .append("`token_type_ids`, output `logits` [batch, ").append(task.labels().size()).append("].\n\n");
        md.append("## Files\n\n");
        md.append("- `onnx/model.onnx`: fp32 encoder with the adapters merged + head\n");
        md.append("- `onnx/model_quantized.onnx`: the published int8 encoder with the merged weights quantized in and "
                + "static activation scales calibrated on training texts (a text's scores do not depend on its "
                + "batch-mates) + the same head\n");
        md.append("- `config.json` (`id2label`, the recipe under `moodlens`), `tokenizer.json` "
                + "(BERT uncased WordPiece, truncation at ").append(EncoderFiles.MAX_LENGTH)
                .append(" tokens), `tokenizer_config.json`, `special_tokens_map.json`\n\n");
        md.append("## Training run\n\n");
        md.append("`./moodlens train-bundled` reproduces the committed files (fixed seeds, deterministic data order). "
                + "Its card:\n\n");
        for (String line : trainingCard.strip().split("\n")) {
            if (line.startsWith("## Scores")) {
                break; // this card has its own
            }
            if (line.startsWith("# ")) {
                continue; // the tuned model's own title
            }
            md.append(line.startsWith("#") ? "##" + line : line).append('\n');
        }
        md.append("\n## Scores\n\n");
        md.append(scoresSection(task));
        md.append("\n## Data and licences\n\n");
        md.append("- TweetEval sentiment and emotion (Barbieri et al., Findings of EMNLP 2020; SemEval-2017 task 4, "
                + "SemEval-2018 task 1): released without restrictions by its authors; Twitter's terms apply.\n");
        md.append("- CARER (Saravia et al., EMNLP 2018), the 16k/2k/2k split known as dair-ai/emotion: for "
                + "educational and research use.\n");
        md.append("- GoEmotions (Demszky et al., ACL 2020), Reddit comments: Apache-2.0.\n");
        if (task == Task.SENTIMENT) {
            md.append("- Stanford Sentiment Treebank (Socher et al., EMNLP 2013), sentences and labelled phrases; EmoBank "
                    + "(Buechel and Hahn, EACL 2017), CC-BY-SA 4.0.\n");
        }
        md.append("- Encoder: ").append(encoder.hubName()).append(", ").append(encoder.licence())
                .append(", as repackaged by langchain4j (Apache-2.0).\n\n");
        md.append("## Limits\n\n");
        md.append("A small fine-tuned encoder (12 layers, 384 wide): below large models (TweetEval sentiment: "
                + "TimeLMs-2021 73.7 macro-recall). English only; the serving runtime reads long texts by sentence and "
                + "in windows of at most ").append(EncoderFiles.MAX_LENGTH).append(" tokens.\n");
        return md.toString();
    }

    private String scoresSection(Task task) {
        if (scores == null) {
            return "Not evaluated yet: run the evaluation command (`EvaluationCommand --record`).\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("Measured by `EvaluationCommand` through the serving runtime (tokenizer + ONNX Runtime), on test splits "
                + "never seen in training.\n\n");
        if (task == Task.SENTIMENT) {
            md.append("| precision | TweetEval sentiment test macro-recall | accuracy |\n|---|---|---|\n");
        } else {
            md.append("| precision | CARER test accuracy | macro-F1 |\n|---|---|---|\n");
        }
        for (String precision : new String[]{"fp32", "int8"}) {
            JsonNode run = scores.path(precision);
            if (run.isMissingNode()) {
                continue;
            }
            if (task == Task.SENTIMENT) {
                JsonNode s = run.path("tweeteval_sentiment");
                md.append("| ").append(precision).append(" | ").append(s.path("macro_recall").asText("-"))
                        .append(" | ").append(s.path("accuracy").asText("-")).append(" |\n");
            } else {
                JsonNode s = run.path("carer");
                md.append("| ").append(precision).append(" | ").append(s.path("accuracy").asText("-"))
                        .append(" | ").append(s.path("macro_f1").asText("-")).append(" |\n");
            }
        }
        return md.toString();
    }
}
