package dev.moodlens.models.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.moodlens.models.assemble.EncoderAdapters;
import dev.moodlens.models.assemble.EncoderWeights;
import dev.moodlens.models.head.Encoder;
import dev.moodlens.models.head.Head;
import dev.moodlens.models.runtime.Task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Encoder + linear head over masked mean pooling, the function the assembled graph computes (with an
 * identity standardisation and no bag of wordpieces):
 * {@code logits = (Σ hidden·mask / max(Σ mask, 1e-9)) · W + b}.
 */
public final class TunableClassifier {

    static final String HEAD_PREFIX = "moodlens_head.";
    static final String HEAD_WEIGHT = "moodlens_head.weight";
    static final String HEAD_BIAS = "moodlens_head.bias";

    private final Task task;
    private final BertEncoder encoder;
    private final NDArray headWeight;
    private final NDArray headBias;

    private TunableClassifier(Task task, BertEncoder encoder, NDArray headWeight, NDArray headBias) {
        this.task = task;
        this.encoder = encoder;
        this.headWeight = headWeight;
        this.headBias = headBias;
    }

    /** The encoder's weights and a fresh head (normal(0, 0.02) weights from {@code seed}, zero bias). */
    public static TunableClassifier create(Task task, EncoderWeights weights, NDManager manager, long seed) {
        BertEncoder encoder = new BertEncoder(weights, manager);
        int hidden = (int) weights.get("embeddings.LayerNorm.weight").shape()[0];
        int labels = task.labels().size();
        Random random = new Random(seed);
        float[] w = new float[hidden * labels];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.02);
        }
        return new TunableClassifier(task, encoder, manager.create(w, new Shape(hidden, labels)),
                manager.zeros(new Shape(labels)));
    }

    public Task task() {
        return task;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    /** Logits [batch, labels] of a padded batch (ids int64, mask float32). */
    public NDArray logits(NDArray ids, NDArray mask, float dropout) {
        NDArray hidden = encoder.hidden(ids, mask, dropout);
        long batch = mask.getShape().get(0);
        NDArray mask3 = mask.reshape(batch, mask.getShape().get(1), 1);
        NDArray pooled = hidden.mul(mask3).sum(new int[]{1}).div(mask.sum(new int[]{1}, true).maximum(1e-9f));
        return pooled.matMul(headWeight).add(headBias);
    }

    /** Every trainable array by name: encoder roles, low-rank adapters (if any), then the head. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> all = encoderParameters();
        all.put(HEAD_WEIGHT, headWeight);
        all.put(HEAD_BIAS, headBias);
        return all;
    }

    /** The encoder's arrays by role: its weights, then its low-rank adapters (if any). */
    private Map<String, NDArray> encoderParameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(encoder.weights());
        all.putAll(encoder.adapters());
        return all;
    }

    /** Copies of all parameter values, to keep the best epoch's weights. */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        parameters().forEach((name, a) -> copy.put(name, a.toFloatArray()));
        return copy;
    }

    public void restore(Map<String, float[]> snapshot) {
        parameters().forEach((name, a) -> a.set(snapshot.get(name)));
    }

    /**
     * The encoder's values by initializer name (the form {@code TunedGraphWriter} takes) from a snapshot, adapters
     * merged into their weights by the assembler's own rule ({@link EncoderAdapters#applyTo}).
     */
    public Map<String, float[]> encoderByInitializer(Map<String, float[]> snapshot) {
        Map<String, EncoderAdapters.Tensor> published = new LinkedHashMap<>();
        encoder.weights().forEach((role, array) -> published.put(role, new EncoderAdapters.Tensor(array.getShape().getShape(),
                snapshot.get(role))));
        Map<String, EncoderAdapters.Tensor> updates = new LinkedHashMap<>();
        encoder.adapters().forEach((role, array) -> updates.put(role, new EncoderAdapters.Tensor(array.getShape().getShape(),
                snapshot.get(role))));
        Map<String, float[]> byInitializer = new java.util.HashMap<>();
        // the encoder's name only matters to the committed file
        new EncoderAdapters(null, encoder.adapterRank(), encoder.adapterScale(), updates).applyTo(published)
                .forEach((role, values) -> byInitializer.put(encoder.initializer(role), values));
        return byInitializer;
    }

    /**
     * What training changed in the encoder, to commit: the adapters and the tuned tensors ({@code trained}: the roles
     * that trained, head excluded) with their shapes.
     */
    public EncoderAdapters adapters(Encoder published, Predicate<String> trained, Map<String, float[]> snapshot) {
        Map<String, EncoderAdapters.Tensor> tensors = new LinkedHashMap<>();
        encoderParameters().forEach((role, array) -> {
            if (trained.test(role)) {
                tensors.put(role, new EncoderAdapters.Tensor(array.getShape().getShape(), snapshot.get(role)));
            }
        });
        return new EncoderAdapters(published, encoder.adapterRank(), encoder.adapterScale(), tensors);
    }

    /**
     * Sets the encoder's arrays named in {@code start} (adapters, tuned biases and LayerNorms of another model) to its
     * values: training goes on from that model's encoder. Every tensor must name an array of the same shape here, and
     * one that {@code trained} (the roles this model trains, as for {@link #adapters}): a frozen one would be missing
     * from this model's adapters, so the start would be lost when they are merged into the published encoder.
     */
    public void startFrom(EncoderAdapters start, Predicate<String> trained) {
        Map<String, NDArray> encoderParameters = encoderParameters();
        if (start.rank() != encoder.adapterRank() || start.scale() != encoder.adapterScale()) {
            throw new IllegalArgumentException("adapters of rank " + start.rank() + " and scale " + start.scale()
                    + " cannot start adapters of rank " + encoder.adapterRank() + " and scale " + encoder.adapterScale());
        }
        start.tensors().forEach((role, tensor) -> {
            NDArray array = encoderParameters.get(role);
            if (array == null || !java.util.Arrays.equals(array.getShape().getShape(), tensor.shape())) {
                throw new IllegalArgumentException("no encoder array " + role + " of shape "
                        + java.util.Arrays.toString(tensor.shape()) + " to start from");
            }
            if (!trained.test(role)) {
                throw new IllegalArgumentException(role + " is frozen in this model: its start would not be kept");
            }
            array.set(tensor.values());
        });
    }

    /** The head as the assembler's {@link Head}: identity standardisation, no bag. */
    public Head head(Map<String, Object> recipe) {
        int hidden = (int) headWeight.getShape().get(0);
        int labels = (int) headWeight.getShape().get(1);
        float[] flat = headWeight.toFloatArray();
        float[][] w = new float[hidden][labels];
        for (int f = 0; f < hidden; f++) {
            System.arraycopy(flat, f * labels, w[f], 0, labels);
        }
        float[] ones = new float[hidden];
        java.util.Arrays.fill(ones, 1f);
        return new Head(task, new float[hidden], ones, w, headBias.toFloatArray(), new int[0], new float[0][], recipe);
    }
}
