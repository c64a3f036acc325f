package dev.moodlens.models.tune;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moodlens.models.assemble.EnsembleGraph;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.assemble.ModelFiles;
import dev.moodlens.models.runtime.ModelLayout;
import dev.moodlens.models.runtime.Task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A tier's ensemble as a model directory in the Hugging Face ONNX layout: both graphs ({@code model.onnx},
 * {@code model_quantized.onnx}) merged by {@link EnsembleGraph} with the weights {@link EnsembleWeights} chose, the members' shared
 * tokenizer, a config.json naming the members, and a model card. The services read it as any model.
 */
final class EnsembleDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> COPIED = List.of(ModelLayout.TOKENIZER, ModelLayout.TOKENIZER_CONFIG, ModelLayout.SPECIAL_TOKENS_MAP);

    private EnsembleDirectory() {
    }

    static void write(Task task, ServingTier tier, List<Path> members, EnsembleWeights.Choice choice, Path dir,
                      String completeMarker) throws IOException {
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        ModelFiles.deleteRecursively(partial);
        Files.createDirectories(partial.resolve("onnx"));
        float[] weights = choice.weights();
        String name = task.modelName() + "-" + tier.id();
        for (String graph : List.of(ModelLayout.ONNX_FP32, ModelLayout.ONNX_INT8)) {
            List<ModelProto> graphs = new ArrayList<>();
            for (Path m : members) {
                graphs.add(HeadGraphWriter.read(m.resolve(graph)));
            }
            HeadGraphWriter.write(EnsembleGraph.merge(graphs, weights, name + ": weighted mean of " + members.size() + " models (MoodLens)"),
                    partial.resolve(graph));
        }
        for (String f : COPIED) {
            Files.copy(members.get(0).resolve(f), partial.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode config = (ObjectNode) JSON.readTree(members.get(0).resolve(ModelLayout.CONFIG).toFile());
        ObjectNode moodlens = (ObjectNode) config.get("moodlens");
        moodlens.put("name", name);
        moodlens.remove("recipe");
        ArrayNode names = moodlens.putArray("ensemble_of");
        // validation_score under the same key as a recipe's: the launcher swaps a model in only above the bundled one's
        ObjectNode ensemble = moodlens.putObject("ensemble");
        ensemble.put("validation_score", FineTuner.twoDecimals(choice.score()));
        ArrayNode w = ensemble.putArray("weights");
        ArrayNode own = ensemble.putArray("member_validation_scores");
        for (int i = 0; i < weights.length; i++) {
            w.add(FineTuner.twoDecimals(weights[i]));
            own.add(FineTuner.twoDecimals(choice.memberScores()[i]));
        }
        ensemble.put("even_mean_validation_score", FineTuner.twoDecimals(choice.evenScore()));
        StringBuilder card = new StringBuilder("# " + name + "\n\nThe " + tier.id() + " tier's " + task.id()
                + " model: the weighted mean of the probabilities of " + members.size() + " fine-tuned models, in one ONNX graph "
                + "(`EnsembleGraph`; `logits` = log of the mean, so a softmax gives the mean back). Labels (logit order): "
                + String.join(", ", task.labels()) + ".\n\nThe weights are chosen on the validation sets the members' epochs "
                + "were chosen on (`EnsembleWeights`, steps of 1/" + EnsembleWeights.STEPS + "; test splits not read): validation "
                + String.format("%.2f", choice.score()) + " with these weights, " + String.format("%.2f", choice.evenScore())
                + " with even ones.\n\n| member | weight | its own validation score | model card |\n|---|---|---|---|\n");
        for (int i = 0; i < members.size(); i++) {
            Path m = members.get(i);
            String member = JSON.readTree(m.resolve(ModelLayout.CONFIG).toFile()).path("moodlens").path("name").asText(m.getFileName().toString());
            names.add(member);
            card.append("| ").append(member).append(" | ").append(String.format("%.2f", weights[i])).append(" | ")
                    .append(String.format("%.2f", choice.memberScores()[i])).append(" | ").append(dir.getParent().relativize(m)).append("/README.md |\n");
        }
        Files.writeString(partial.resolve(ModelLayout.CONFIG), JSON.writeValueAsString(config) + "\n", StandardCharsets.UTF_8);
        Files.writeString(partial.resolve(ModelLayout.README), card.toString(), StandardCharsets.UTF_8);
        Files.writeString(partial.resolve(completeMarker), "ensemble " + names + "\n", StandardCharsets.UTF_8);
        ModelFiles.deleteRecursively(dir);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }
}
