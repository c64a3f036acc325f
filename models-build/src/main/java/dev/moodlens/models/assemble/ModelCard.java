package dev.moodlens.models.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

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

    public String markdown(Head head) {
        Task task = head.task();
        StringBuilder md = new StringBuilder();
        md.append("---\n");
        md.append("language: en\n");
        md.append("license: other\n");
        md.append("library_name: onnx\n");
        md.append("pipeline_tag: text-classification\n");
        md.append("base_model: ").append(EncoderFiles.BUNDLED.hubName()).append("\n");
        md.append("---\n\n");
        md.append("# ").append(task.modelName()).append("\n\n");
        if (task == Task.SENTIMENT) {
            md.append("English sentiment of short texts: **negative, neutral, positive**.\n\n");
        } else {
            md.append("English emotion of first-person sentences, as in a journal: **sadness, joy, love, anger, fear, "
                    + "surprise** (the CARER label set).\n\n");
        }
        md.append("Built by MoodLens (`models-build`), not downloaded: the frozen encoder ")
                .append(EncoderFiles.BUNDLED.displayName()).append(" as published on Maven Central (`").append(EncoderFiles.COORDINATES).append("`, quantized `")
                .append(EncoderFiles.QUANTIZED_COORDINATES).append("`) plus a classification head trained in Java "
                + "on public labelled data. One ONNX graph per file: inputs `input_ids`, `attention_mask`, "
                + "`token_type_ids`, output `logits` [batch, ").append(task.labels().size()).append("].\n\n");
        md.append("## Files\n\n");
        md.append("- `onnx/model.onnx`: fp32 encoder + head\n");
        md.append("- `onnx/model_quantized.onnx`: the published int8 encoder with static activation scales calibrated on "
                + "training texts (a text's scores do not depend on its batch-mates) + the same head\n");
        md.append("- `config.json` (`id2label`, the head recipe under `moodlens`), `tokenizer.json` "
                + "(BERT uncased WordPiece, truncation at ").append(EncoderFiles.MAX_LENGTH)
                .append(" tokens), `tokenizer_config.json`, `special_tokens_map.json`\n\n");
        md.append("## Method\n\n");
        md.append("logits = ((mean-pooled last_hidden_state - mean) / std) · W + b + Σ over tokens of bag[input_id]\n\n");
        md.append("- Encoder frozen; masked mean pooling; features standardised with the training set's statistics.\n");
        md.append("- Head: softmax regression with class-balanced cross-entropy, trained with L-BFGS, plus a "
                + "bag-of-wordpieces table [vocab, labels] (rows only for wordpieces seen in training), with "
                + "separate L2 penalties.\n");
        Map<String, Object> recipe = new TreeMap<>(head.recipe());
        md.append("- Training data: ").append(recipe.get("training_data")).append(".\n");
        md.append("- Hyper-parameters: ").append(recipe.get("selection")).append(" (score ")
                .append(recipe.get("selection_score")).append("); chosen L2 on the embedding ")
                .append(recipe.get("l2_embedding")).append(", on the bag ")
                .append(Boolean.TRUE.equals(recipe.get("bag_of_wordpieces")) ? recipe.get("l2_bag") : "(no bag)")
                .append(".\n");
        md.append("- Test splits were never used for training or selection. Training is deterministic "
                + "(seed ").append(recipe.get("seed")).append("): `TrainBundledHeads` reproduces the committed head.\n\n");
        md.append("## Scores\n\n");
        md.append(scoresSection(task));
        md.append("\n## Data and licences\n\n");
        md.append("- TweetEval sentiment and emotion (Barbieri et al., Findings of EMNLP 2020; SemEval-2017 task 4, "
                + "SemEval-2018 task 1): released without restrictions by its authors; Twitter's terms apply.\n");
        md.append("- CARER (Saravia et al., EMNLP 2018), the 16k/2k/2k split known as dair-ai/emotion: for "
                + "educational and research use.\n");
        md.append("- GoEmotions (Demszky et al., ACL 2020), Reddit comments: Apache-2.0.\n");
        if (task == Task.SENTIMENT) {
            md.append("- Stanford Sentiment Treebank (Socher et al., EMNLP 2013), sentences and labelled phrases.\n");
            md.append("- Label mapping: SST 0-1 negative, 2 neutral, 3-4 positive; GoEmotions sentiment groups as named "
                    + "(ambiguous left out); CARER and TweetEval emotions by polarity (sadness, anger, fear negative; joy, "
                    + "love, optimism positive; surprise left out).\n");
        } else {
            md.append("- Label mapping to CARER's six: TweetEval optimism to joy; GoEmotions joy from admiration, amusement, "
                    + "excitement, gratitude, joy, optimism, pride, relief; love from love, caring; sadness from sadness, "
                    + "grief, disappointment, remorse; anger from anger, annoyance, disgust; fear from fear, nervousness; "
                    + "surprise from surprise; neutral and the cognitive labels left out, as are comments whose labels "
                    + "map to two emotions.\n");
        }
        md.append("- Encoder: ").append(EncoderFiles.BUNDLED.hubName()).append(", ").append(EncoderFiles.BUNDLED.licence())
                .append(", as repackaged by langchain4j (Apache-2.0).\n\n");
        md.append("## Limits\n\n");
        md.append("A linear head on a small frozen sentence encoder: well below fine-tuned models (TweetEval "
                + "sentiment: TimeLMs-2021 73.7 macro-recall; CARER: fine-tuned DistilBERT about 93 accuracy). "
                + "English only; texts longer than ").append(EncoderFiles.MAX_LENGTH)
                .append(" tokens are truncated.\n");
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
