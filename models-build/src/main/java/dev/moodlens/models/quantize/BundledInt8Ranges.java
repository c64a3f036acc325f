package dev.moodlens.models.quantize;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.moodlens.models.assemble.HeadGraphWriter;
import dev.moodlens.models.head.EncoderFiles;
import dev.moodlens.models.train.Datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static int8 activation ranges of the bundled models' frozen encoder, committed beside the heads
 * ({@value #FILE}) so that a clone without datasets assembles batchable int8 graphs. They depend on the
 * encoder only (the heads are fp32 and come after): calibrated by {@code TrainBundledHeads} on
 * {@value #PER_SOURCE} texts of each of five training sources (every n-th line, a fixed choice): TweetEval
 * sentiment val tweets, CARER train sentences, SST train sentences, GoEmotions train comments and EmoBank
 * train sentences, with {@link ActivationRanges.Policy#MEAN_OF_EXTREMES}. Prose belongs in the set: scales
 * fitted on tweets and "i feel ..." sentences alone clipped prose activations and cost SST-5 2.3 points
 * against fp32 (models-build README, "int8").
 */
public final class BundledInt8Ranges {

    public static final String FILE = "int8-ranges.json";
    static final int PER_SOURCE = 300;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private BundledInt8Ranges() {
    }

    public static void calibrate(EncoderFiles encoder, Datasets datasets, Path headsDir) throws IOException, OrtException {
        List<List<String>> sources = List.of(datasets.tweetEvalSentiment("val").texts(), datasets.carer("train").texts(),
                datasets.sstSentences("train").texts(), datasets.goEmotions("group", "train").texts(),
                datasets.emoBankValence("train").texts());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < PER_SOURCE; i++) {
            for (List<String> source : sources) {
                texts.add(source.get(i * source.size() / PER_SOURCE));
            }
        }
        ModelProto dynamic = HeadGraphWriter.read(encoder.quantized());
        Map<String, float[]> ranges = ActivationRanges.calibrate(dynamic, encoder.tokenizer(), EncoderFiles.MAX_LENGTH, texts,
                ActivationRanges.Policy.MEAN_OF_EXTREMES);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("encoder", encoder.encoder().quantizedCoordinates());
        file.put("policy", "mean_of_extremes");
        file.put("texts", texts.size());
        file.put("ranges", ActivationRanges.toJson(ranges));
        Files.writeString(headsDir.resolve(FILE), JSON.writeValueAsString(file) + "\n", StandardCharsets.UTF_8);
    }

    public static Map<String, float[]> read(Path headsDir) throws IOException {
        Path file = headsDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + FILE + " in " + headsDir + " (./moodlens train-heads writes it)");
        }
        Map<String, Object> json = JSON.readValue(file.toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> ranges = (Map<String, List<Number>>) json.get("ranges");
        return ActivationRanges.fromJson(ranges);
    }
}
