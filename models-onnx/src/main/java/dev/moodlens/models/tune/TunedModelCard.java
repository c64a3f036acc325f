package dev.moodlens.models.tune;

import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.head.Task;

import java.util.Map;

/** The README.md of a tuned model directory: data, recipe, seeds, validation scores, training time, memory. */
final class TunedModelCard {

    private TunedModelCard() {
    }

    static String markdown(Task task, String modelName, TuningData data, Recipe recipe, FineTuner.Result result,
                           double trainingSeconds, long peakRssMib, String inputsHash) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(modelName).append("\n\n");
        s.append("Labels (logit order): ").append(String.join(", ", task.labels())).append(".\n\n");
        s.append("all-MiniLM-L6-v2 (").append(EncoderFiles.COORDINATES).append(") fine-tuned, encoder (")
                .append(recipe.frozenLayers() == 0 ? "all layers" : "its top " + (6 - recipe.frozenLayers())
                        + " of 6 layers; the embeddings and the layers below stay as published")
                .append(") and a linear head over masked mean pooling, in Java with DJL's PyTorch engine ")
                .append("(MoodLens models-onnx, package `dev.moodlens.models.tune`), then written back into the ")
                .append("encoder's own ONNX graph with the head appended: the same architecture and speed as the ")
                .append("bundled frozen-encoder model.\n\n");
        s.append("## Data\n\n").append(data.description()).append(". Test splits are never read by training.\n\n");
        s.append("## Recipe\n\n");
        s.append("AdamW (weight decay on the weight matrices, none on biases and LayerNorm), linear warm-up ")
                .append("then linear decay to 0, dropout in the encoder, class-weighted cross-entropy (every class ")
                .append("weighs the same), batches of texts of similar length in a seeded order, early stopping on the ")
                .append("validation score (")
                .append(task == Task.SENTIMENT ? "macro-recall" : "mean of accuracy and macro-F1")
                .append("), the best epoch's weights kept.\n\n| setting | value |\n|---|---|\n");
        for (Map.Entry<String, Object> e : recipe.describe().entrySet()) {
            s.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        s.append("\n## Training\n\n| epoch | mean train loss | validation score | seconds |\n|---|---|---|---|\n");
        for (FineTuner.Epoch e : result.epochs()) {
            s.append(String.format("| %d | %.4f | %.2f | %.0f |%n", e.epoch(), e.trainLoss(), e.validationScore(), e.seconds()));
        }
        s.append(String.format("%nKept epoch %d (validation score %.2f). Training took %.0f s (tokenization, "
                        + "training, validation and writing included), peak RSS %d MiB, on the machine that ran it "
                        + "(2 vCPU, no GPU, for the recorded MoodLens figures). Inputs hash %s.%n",
                result.bestEpoch(), result.bestScore(), trainingSeconds, peakRssMib, inputsHash));
        s.append("\n## Scores\n\nTest scores: `./moodlens eval --tuned` (models-onnx/README.md records them).\n");
        return s.toString();
    }
}
