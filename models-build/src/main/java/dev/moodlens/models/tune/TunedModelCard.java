package dev.moodlens.models.tune;

import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.runtime.Task;
import dev.moodlens.models.train.LabelMapping;

import java.util.Map;

/** The README.md of a tuned model directory: data and label mapping, recipe, seeds, validation scores, time, memory. */
final class TunedModelCard {

    private TunedModelCard() {
    }

    static String markdown(Task task, Encoder encoder, String modelName, TrainingPlan plan, Recipe recipe,
                           FineTuner.Result result, double trainingSeconds, long peakRssMib, String inputsHash) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(modelName).append("\n\n");
        s.append("Labels (logit order): ").append(String.join(", ", task.labels())).append(".\n\n");
        s.append(encoder.displayName()).append(" (`").append(encoder.coordinates()).append("`) fine-tuned, encoder (")
                .append(recipe.frozenLayers() == 0 ? "all layers" : "its top " + (encoder.layers() - recipe.frozenLayers())
                        + " of " + encoder.layers() + " layers; the embeddings and the layers below stay as published")
                .append(recipe.adapterRank() > 0 ? ", through low-rank adapters of rank " + recipe.adapterRank()
                        + " beside their projections, whose biases and LayerNorms train in full" : "")
                .append(") and a linear head over masked mean pooling, in Java with DJL's PyTorch engine ")
                .append("(MoodLens models-build, package `dev.moodlens.models.tune`), then written back into the ")
                .append("encoder's own ONNX graph with the head appended; `onnx/model_quantized.onnx` is the int8 form.")
                .append(recipe.startFrom() == null ? "" : " Training starts from the committed " + recipe.startFrom().id()
                        + " model's adapters, biases and LayerNorms (not its head): this model learns its labels on an encoder "
                        + "already tuned to read " + recipe.startFrom().id() + ".")
                .append("\n\n");
        s.append("## Data\n\nTrain, dev and val splits only; test splits are never read by training.\n\n");
        for (String line : plan.describe()) {
            s.append("- ").append(line).append('\n');
        }
        s.append("\n## Label mapping\n\n");
        if (task == Task.SENTIMENT) {
            s.append("SST's five classes: 0-1 negative, 2 neutral, 3-4 positive (phrases of two or more words from ")
                    .append("the train trees, and the train sentences). GoEmotions sentiment groups as named; ")
                    .append("\"ambiguous\" and comments in two groups left out. CARER and TweetEval emotion texts by ")
                    .append("the polarity of their emotion: sadness, anger, fear negative; joy, love, optimism positive; ")
                    .append("surprise left out. EmoBank valence V (1..5) is not a class: P(positive) - P(negative) ")
                    .append("is regressed on clamp((V - 3) / ").append(LabelMapping.VALENCE_SCALE)
                    .append(", -1, 1) with squared error (weight ").append(recipe.regressionWeight())
                    .append(" per text against 1 for a labelled text of average class weight).\n");
        } else {
            s.append("CARER's six labels are the model's. TweetEval emotion: anger, joy, sadness as named, optimism ")
                    .append("to joy. GoEmotions (27 emotions + neutral) to CARER's six: joy from admiration, ")
                    .append("amusement, excitement, gratitude, joy, optimism, pride, relief; love from love and caring; ")
                    .append("sadness from sadness, grief, disappointment, remorse; anger from anger, annoyance and ")
                    .append("disgust (CARER has no disgust); fear from fear and nervousness; surprise from surprise. ")
                    .append("Left out: neutral (the model has no neutral class: a flat distribution says it), the weak ")
                    .append("or cognitive labels approval, disapproval, desire, curiosity, confusion, realization, ")
                    .append("embarrassment, and comments whose labels map to two different emotions.\n");
        }
        s.append("\n## Recipe\n\n");
        s.append("AdamW (weight decay on the weight matrices, none on biases and LayerNorm), linear warm-up ")
                .append("then linear decay to 0, dropout in the encoder, class-weighted cross-entropy (every class ")
                .append("weighs the same), batches of texts of similar length in a seeded order, each epoch a fixed-seed ")
                .append("draw from every source; the epoch with the best weighted validation score kept.\n\n")
                .append("| setting | value |\n|---|---|\n");
        for (Map.Entry<String, Object> e : recipe.describe().entrySet()) {
            s.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        s.append("\n## Training\n\n| epoch | texts | mean train loss | validation | score | seconds |\n|---|---|---|---|---|---|\n");
        for (FineTuner.Epoch e : result.epochs()) {
            s.append(String.format("| %d | %d | %.4f | %s | %.2f | %.0f |%n", e.epoch(), e.texts(), e.trainLoss(),
                    e.validation(), e.score(), e.seconds()));
        }
        s.append(String.format("%nKept epoch %d (validation score %.2f). Training took %.0f s (tokenization, "
                        + "training, validation and writing included), peak RSS %d MiB. Inputs hash %s.%n",
                result.bestEpoch(), result.bestScore(), trainingSeconds, peakRssMib, inputsHash));
        s.append("\n## Scores\n\nTest scores: `./moodlens eval --tuned` (models-build/README.md records them).\n");
        return s.toString();
    }
}
