package dev.moodlens.models.runtime;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link ModelDirectory} with DJL's Hugging Face tokenizer and ONNX Runtime: tokenize,
 * pad per batch, run, softmax. Thread-safe: ONNX Runtime sessions and DJL tokenizers may be used
 * concurrently.
 * <p>
 * Batch invariance: a text's answer must not depend on its batch-mates. In fp32 the attention mask
 * makes padding exact. An int8 graph with static activation scales (MoodLens's own, config.json
 * {@code "moodlens": {"quantization": "static"}}) batches as fp32 does; any other int8 graph (ONNX Runtime's
 * dynamic quantization, one scale over the whole padded batch) runs every text on its own, unpadded.
 */
public final class SequenceClassifier implements AutoCloseable {

    private final ModelDirectory model;
    private final Precision precision;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean takesTypeIds;
    private final String logitsName;

    private SequenceClassifier(ModelDirectory model, Precision precision, HuggingFaceTokenizer tokenizer,
                               OrtSession session) throws OrtException {
        this.model = model;
        this.precision = precision;
        this.tokenizer = tokenizer;
        this.session = session;
        this.takesTypeIds = session.getInputNames().contains("token_type_ids");
        this.logitsName = session.getOutputNames().contains("logits") ? "logits"
                : session.getOutputNames().iterator().next();
    }

    /**
     * Loads the model's tokenizer (from its file only: never from the Hub) and ONNX session.
     *
     * @param intraOpThreads ONNX Runtime threads per run (0 lets ONNX Runtime choose)
     */
    public static SequenceClassifier open(ModelDirectory model, Precision precision, int intraOpThreads) {
        return open(model, precision, intraOpThreads, true);
    }

    /**
     * As {@link #open(ModelDirectory, Precision, int)}; {@code spinWait = false} makes ONNX Runtime's
     * intra-op threads sleep instead of spinning while they wait for work. Spinning is ONNX Runtime's
     * default and the fastest for a process that has the cores to itself; a server whose event loop and
     * request threads share the cores loses that CPU to the spinning.
     */
    public static SequenceClassifier open(ModelDirectory model, Precision precision, int intraOpThreads,
                                          boolean spinWait) {
        HuggingFaceTokenizer tokenizer = null;
        try {
            Map<String, String> options = new HashMap<>();
            options.put("truncation", "true");
            options.put("padding", "false");
            options.put("maxLength", Integer.toString(model.maxLength()));
            options.put("stride", Integer.toString(Math.min(WINDOW_OVERLAP, model.maxLength() / 4)));
            tokenizer = HuggingFaceTokenizer.newInstance(model.tokenizer(), options);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                so.setInterOpNumThreads(1);
                if (intraOpThreads > 0) {
                    so.setIntraOpNumThreads(intraOpThreads);
                }
                if (!spinWait) {
                    so.addConfigEntry("session.intra_op.allow_spinning", "0");
                }
                OrtSession session = env.createSession(model.onnx(precision).toString(), so);
                return new SequenceClassifier(model, precision, tokenizer, session);
            }
        } catch (IOException e) {
            close(tokenizer);
            throw new UncheckedIOException("cannot load tokenizer of " + model.root(), e);
        } catch (OrtException e) {
            close(tokenizer);
            throw new IllegalStateException("cannot load ONNX model of " + model.root() + ": " + e.getMessage(), e);
        }
    }

    public ModelDirectory model() {
        return model;
    }

    public Precision precision() {
        return precision;
    }

    /** True when every text must run on its own: an int8 graph that quantizes activations per batch. */
    public boolean runsTextsAlone() {
        return precision == Precision.INT8 && !model.staticInt8();
    }

    public List<String> labels() {
        return model.labels();
    }

    /** Tokenizes one text, truncated at the model's max length, unpadded. */
    public TokenizedText tokenize(String text) {
        Encoding encoding = tokenizer.encode(text);
        return new TokenizedText(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength());
    }

    /**
     * Tokenizes one text into windows of at most the model's max length, the next window starting
     * {@link #WINDOW_OVERLAP} tokens (at most a quarter of the max length) before the previous one ends, so that a text longer than the model
     * reads is read whole, never cut; a text that fits is one window.
     */
    public List<TokenizedText> tokenizeWindows(String text) {
        Encoding encoding = tokenizer.encode(text, true, true);
        List<TokenizedText> windows = new ArrayList<>();
        windows.add(new TokenizedText(encoding.getIds(), encoding.getTypeIds(), false));
        Encoding[] overflowing = encoding.getOverflowing();
        if (overflowing != null) {
            for (Encoding window : overflowing) {
                windows.add(new TokenizedText(window.getIds(), window.getTypeIds(), false));
            }
        }
        return windows;
    }

    /** Tokens the windows of a long text share with the window before ({@link #tokenizeWindows}). */
    public static final int WINDOW_OVERLAP = 32;

    /** Tokenizes and classifies texts in one batch. */
    public List<Prediction> classify(List<String> texts) {
        List<TokenizedText> batch = new ArrayList<>(texts.size());
        for (String text : texts) {
            batch.add(tokenize(text));
        }
        return predict(batch);
    }

    /**
     * Label probabilities of each text (its first window), classified in batches of {@code batchSize} texts
     * sorted by length (the fastest order; each text's answer does not depend on its batch-mates).
     */
    public float[][] probabilities(List<String> texts, int batchSize) {
        List<TokenizedText> tokens = new ArrayList<>(texts.size());
        for (String t : texts) {
            tokens.add(tokenize(t));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> tokens.get(i).length()).thenComparingInt(i -> i));
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < order.length; start += batchSize) {
            List<TokenizedText> batch = new ArrayList<>();
            for (int b = start; b < Math.min(order.length, start + batchSize); b++) {
                batch.add(tokens.get(order[b]));
            }
            List<Prediction> predictions = predict(batch);
            for (int b = 0; b < predictions.size(); b++) {
                out[order[start + b]] = predictions.get(b).probabilities();
            }
        }
        return out;
    }

    /** Classifies tokenized texts; the result of each text does not depend on the others. */
    public List<Prediction> predict(List<TokenizedText> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            if (runsTextsAlone()) {
                List<Prediction> out = new ArrayList<>(batch.size());
                for (TokenizedText text : batch) {
                    out.addAll(run(List.of(text)));
                }
                return out;
            }
            return run(batch);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model.root() + ": " + e.getMessage(), e);
        }
    }

    private List<Prediction> run(List<TokenizedText> batch) throws OrtException {
        int rows = batch.size();
        int width = 0;
        for (TokenizedText t : batch) {
            width = Math.max(width, t.length());
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            TokenizedText t = batch.get(r);
            System.arraycopy(t.ids(), 0, ids, r * width, t.length());
            System.arraycopy(t.typeIds(), 0, types, r * width, t.length());
            for (int c = 0; c < t.length(); c++) {
                mask[r * width + c] = 1;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {rows, width};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (takesTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(logitsName))) {
                float[][] logits = (float[][]) result.get(0).getValue();
                List<Prediction> out = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    out.add(new Prediction(softmax(logits[r]), batch.get(r).truncated()));
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    public static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] exp = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp(logits[i] - max);
            sum += exp[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (exp[i] / sum);
        }
        return p;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees native memory; nothing to recover
        }
        close(tokenizer);
    }

    private static void close(HuggingFaceTokenizer tokenizer) {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
