package dev.moodlens.models.tune;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtException;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.eval.ConfusionMatrix;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.head.Task;
import dev.moodlens.models.train.FeatureExtractor;
import dev.moodlens.models.train.Features;
import dev.moodlens.models.train.HeadTrainer;
import dev.moodlens.models.train.LabelledTexts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Second stage for CARER, where the bag of wordpieces carried the frozen-encoder model: the assembler's
 * head (standardised embedding + bag, softmax regression by L-BFGS, {@link HeadTrainer}) refitted on the
 * FINE-TUNED encoder's features. It is kept only when it beats the fine-tuned linear head on validation
 * ("if it still pays"). Features come from ONNX Runtime on the tuned encoder graph, so they are what
 * the served graph computes.
 */
final class BagHeadRefit {

    /** L2 on the embedding weights and candidates for the bag's, as in TrainHeads' emotion grid. */
    static final double L2_EMBEDDING = 0.3;
    static final double[] L2_BAG = {1e-5, 1e-4};

    record Outcome(Head head, double validationScore, String setting) {
    }

    private BagHeadRefit() {
    }

    /** The tuned encoder's values by initializer name, read back from a tuned model graph (head initializers left out). */
    static Map<String, float[]> encoderValues(ModelProto tunedModel, ModelProto baseEncoder) {
        Map<String, TensorProto> tuned = new HashMap<>();
        tunedModel.getGraph().getInitializerList().forEach(t -> tuned.put(t.getName(), t));
        Map<String, float[]> values = new LinkedHashMap<>();
        for (TensorProto t : baseEncoder.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                values.put(t.getName(), EncoderWeights.floats(tuned.get(t.getName())));
            }
        }
        return values;
    }

    static Outcome fit(Task task, ModelProto tunedEncoder, Path tokenizer, LabelledTexts train, LabelledTexts validation,
                       Map<String, Object> recipe, PrintStream log) throws IOException, OrtException {
        Path onnx = Files.createTempFile("moodlens-tuned-encoder", ".onnx");
        try {
            HeadGraphWriter.write(tunedEncoder, onnx);
            Features trainFeatures;
            Features validationFeatures;
            try (FeatureExtractor extractor = new FeatureExtractor(onnx, tokenizer)) {
                long start = System.nanoTime();
                trainFeatures = extractor.extract(train.texts());
                validationFeatures = extractor.extract(validation.texts());
                log.printf("%s: tuned-encoder features of %d + %d texts in %.0f s%n", task.id(), train.size(),
                        validation.size(), (System.nanoTime() - start) / 1e9);
            }
            Outcome best = null;
            for (double l2Bag : L2_BAG) {
                HeadTrainer.Setting setting = HeadTrainer.Setting.withBag(L2_EMBEDDING, l2Bag, 1);
                Map<String, Object> r = new LinkedHashMap<>(recipe);
                r.put("head_refit", "standardised embedding + bag of wordpieces, softmax regression (L-BFGS) on the "
                        + "fine-tuned encoder's features of " + train.name() + ", " + setting);
                Head head = HeadTrainer.fit(task, trainFeatures, train.labels(), setting, r);
                int[] predicted = HeadTrainer.predict(head, validationFeatures);
                double score = FineTuner.score(task, validation.labels(), predicted);
                ConfusionMatrix m = ConfusionMatrix.of(task.labels(), validation.labels(), predicted);
                log.printf("%s: bag head %s: validation accuracy %.2f macro-F1 %.2f score %.2f%n", task.id(), setting,
                        m.accuracy(), m.macroF1(), score);
                if (best == null || score > best.validationScore()) {
                    Map<String, Object> scored = new LinkedHashMap<>(head.recipe());
                    scored.put("validation_score", Math.round(score * 100) / 100.0);
                    best = new Outcome(new Head(head.task(), head.mean(), head.scale(), head.weights(), head.bias(),
                            head.bagIds(), head.bag(), scored), score, setting.toString());
                }
            }
            return best;
        } finally {
            Files.deleteIfExists(onnx);
        }
    }
}
