package dev.moodlens.models.train;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.moodlens.models.head.EncoderFiles;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Runs the frozen encoder over texts and mean-pools its last hidden state under the attention mask,
 * exactly as the graph the assembler writes. Tokenization uses the same options as the serving
 * runtime (truncation at {@link EncoderFiles#MAX_LENGTH}, no padding). Deterministic: fixed batch
 * composition (texts sorted by length, ties by position) and a fixed thread count.
 */
public final class FeatureExtractor implements AutoCloseable {

    private static final int BATCH = 32;
    /** Fixed so that results never depend on the machine's core count. */
    private static final int THREADS = 2;

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean takesTypeIds;

    public FeatureExtractor(Path encoderOnnx, Path tokenizerJson) throws IOException, OrtException {
        Map<String, String> options = new HashMap<>();
        options.put("truncation", "true");
        options.put("padding", "false");
        options.put("maxLength", Integer.toString(EncoderFiles.MAX_LENGTH));
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setInterOpNumThreads(1);
            so.setIntraOpNumThreads(THREADS);
            this.session = OrtEnvironment.getEnvironment().createSession(encoderOnnx.toString(), so);
        }
        this.takesTypeIds = session.getInputNames().contains("token_type_ids");
    }

    public long[] tokenize(String text) {
        Encoding encoding = tokenizer.encode(text);
        return encoding.getIds();
    }

    public Features extract(List<String> texts) throws OrtException {
        int n = texts.size();
        long[][] ids = new long[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenize(texts.get(i));
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> ids[i].length).thenComparingInt(i -> i));
        float[][] pooled = new float[n][];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            long[][] batch = new long[end - start][];
            for (int b = start; b < end; b++) {
                batch[b - start] = ids[order[b]];
            }
            float[][] out = pool(batch);
            for (int b = start; b < end; b++) {
                pooled[order[b]] = out[b - start];
            }
        }
        return new Features(pooled, ids);
    }

    /** Mean-pooled embeddings of one padded batch; padding never changes a row's result. */
    public float[][] pool(long[][] batch) throws OrtException {
        int rows = batch.length;
        int width = 0;
        for (long[] t : batch) {
            width = Math.max(width, t.length);
        }
        long[] idData = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch[r], 0, idData, r * width, batch[r].length);
            for (int c = 0; c < batch[r].length; c++) {
                mask[r * width + c] = 1;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(idData), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (takesTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * width]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of("last_hidden_state"))) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] pooled = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    pooled[r] = meanPool(hidden[r], batch[r].length);
                }
                return pooled;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Float sums in token order, then one division, like ReduceSum and Div in the graph. */
    static float[] meanPool(float[][] hidden, int length) {
        int dims = hidden[0].length;
        float[] sum = new float[dims];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < dims; d++) {
                sum[d] += hidden[t][d];
            }
        }
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(length, 1e-9f);
        }
        return sum;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // frees native memory only
        }
        tokenizer.close();
    }
}
