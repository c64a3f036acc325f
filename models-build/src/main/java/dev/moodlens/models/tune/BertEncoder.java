package dev.moodlens.models.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;

import dev.moodlens.models.assemble.EncoderAdapters;
import dev.moodlens.models.assemble.EncoderWeights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The MiniLM (BERT) encoder of the ONNX graph, rewritten with DJL NDArray operations so that it can be
 * trained: post-LayerNorm blocks, erf GELU, the graph's own layer-norm eps and mask fill value, and
 * weights in the graph's layout (MatMul weights [in, out]), so they go back into the graph unchanged in
 * shape. Token type ids are always 0 (single texts), as the serving runtime sends them.
 */
public final class BertEncoder {

    /** all-MiniLM-L6-v2: 12 heads of 32 over a hidden size of 384. */
    static final int HEADS = 12;

    private final Map<String, NDArray> weights = new LinkedHashMap<>();
    private final Map<String, String> initializers = new LinkedHashMap<>();
    private final float eps;
    private final float maskFill;
    private final int layers;
    /**
     * Scalar factors of the forward pass as arrays that live as long as the encoder. DJL's {@code x.mul(0.5f)} wraps
     * the scalar in an array over a Java buffer and frees it on return, but autograd keeps that array for the
     * backward pass, which then read freed memory: gradients non-finite at random steps and silently wrong at others
     * (training did not reproduce). So no operation whose backward needs its other operand takes a Java scalar here.
     */
    private final NDArray attentionScale;
    private final NDArray inverseSqrt2;
    private final NDArray half;
    private final Map<String, NDArray> adapters = new LinkedHashMap<>();
    private NDArray adapterScale;
    private int adapterRank;
    private float adapterScaleValue;

    public BertEncoder(EncoderWeights source, NDManager manager) {
        for (Map.Entry<String, EncoderWeights.Tensor> e : source.all().entrySet()) {
            EncoderWeights.Tensor t = e.getValue();
            weights.put(e.getKey(), manager.create(t.values(), new Shape(t.shape())));
            initializers.put(e.getKey(), t.initializer());
        }
        this.eps = source.layerNormEps();
        this.maskFill = source.maskFill();
        this.layers = source.layers();
        long hidden = weights.get("embeddings.LayerNorm.weight").getShape().get(0);
        this.attentionScale = manager.create((float) (1 / Math.sqrt((double) hidden / HEADS)));
        this.inverseSqrt2 = manager.create((float) (1 / Math.sqrt(2)));
        this.half = manager.create(0.5f);
    }

    /** Trainable weights by role (the position ids table excluded: it is not a float). */
    public Map<String, NDArray> weights() {
        return weights;
    }

    /**
     * Adds a low-rank update beside every MatMul weight ({@link EncoderAdapters#MODULES}) of layers {@code fromLayer}
     * and up: A [in, rank] uniform in ±1/√in (PyTorch's default for a linear layer's weight), B [rank, out] zero, so
     * the encoder starts as published; scaled by {@code scale}.
     */
    public void adapt(int rank, float scale, int fromLayer, long seed, NDManager manager) {
        Random random = new Random(seed);
        for (int l = fromLayer; l < layers; l++) {
            for (String module : EncoderAdapters.MODULES) {
                String role = "encoder.layer." + l + "." + module;
                Shape shape = w(role + ".weight").getShape();
                int in = (int) shape.get(0);
                float bound = (float) (1 / Math.sqrt(in));
                float[] a = new float[in * rank];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (random.nextFloat() * 2 - 1) * bound;
                }
                adapters.put(role + EncoderAdapters.A, manager.create(a, new Shape(in, rank)));
                adapters.put(role + EncoderAdapters.B, manager.zeros(new Shape(rank, shape.get(1))));
            }
        }
        this.adapterRank = rank;
        this.adapterScaleValue = scale;
        this.adapterScale = manager.create(scale);
    }

    /** The low-rank factors by role ({@code <module>.lora_a}, {@code .lora_b}); empty when not adapted. */
    public Map<String, NDArray> adapters() {
        return adapters;
    }

    public int adapterRank() {
        return adapterRank;
    }

    public float adapterScale() {
        return adapterScaleValue;
    }

    /** The graph's initializer name of a role, for the write-back. */
    public String initializer(String role) {
        return initializers.get(role);
    }

    /**
     * last_hidden_state [batch, tokens, hidden] of padded {@code ids} [batch, tokens] (int64) under
     * {@code mask} (float32, 1 for tokens, 0 for padding); dropout only when {@code dropout > 0}.
     */
    public NDArray hidden(NDArray ids, NDArray mask, float dropout) {
        long batch = ids.getShape().get(0);
        long tokens = ids.getShape().get(1);
        NDArray x = w("embeddings.word_embeddings.weight").get(ids)
                .add(w("embeddings.position_embeddings.weight").get("0:" + tokens))
                .add(w("embeddings.token_type_embeddings.weight").get(0));
        x = drop(layerNorm(x, "embeddings.LayerNorm"), dropout);
        // same arithmetic as the graph: (1 - mask) * fill, broadcast over heads and query positions
        NDArray maskTerm = mask.neg().add(1f).mul(maskFill).reshape(batch, 1, 1, tokens);
        for (int l = 0; l < layers; l++) {
            x = scopedLayer(x, maskTerm, "encoder.layer." + l + ".", dropout);
        }
        return x;
    }

    /**
     * One layer in an {@link NDScope} of its own, only its output handed on to the caller's scope. Otherwise every
     * array a forward pass makes lives until the caller's scope closes: the intermediates of all twelve layers at
     * once, about 3 GiB for 64 texts of 64 tokens (validation) and most of a training step's peak. Arrays that
     * autograd needs for the backward pass stay alive through its own references.
     */
    private NDArray scopedLayer(NDArray x, NDArray maskTerm, String p, float dropout) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = layer(x, maskTerm, p, dropout);
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    private NDArray layer(NDArray x, NDArray maskTerm, String p, float dropout) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        long hidden = x.getShape().get(2);
        long headDim = hidden / HEADS;
        NDArray q = linear(x, p + "attention.self.query").reshape(batch, tokens, HEADS, headDim).transpose(0, 2, 1, 3);
        NDArray k = linear(x, p + "attention.self.key").reshape(batch, tokens, HEADS, headDim).transpose(0, 2, 3, 1);
        NDArray v = linear(x, p + "attention.self.value").reshape(batch, tokens, HEADS, headDim).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).mul(attentionScale).add(maskTerm);
        NDArray probs = drop(scores.softmax(-1), dropout);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, hidden);
        NDArray attended = drop(linear(context, p + "attention.output.dense"), dropout);
        x = layerNorm(attended.add(x), p + "attention.output.LayerNorm");
        NDArray inner = linear(x, p + "intermediate.dense");
        NDArray gelu = inner.mul(inner.mul(inverseSqrt2).erf().add(1f)).mul(half);
        NDArray out = drop(linear(gelu, p + "output.dense"), dropout);
        return layerNorm(out.add(x), p + "output.LayerNorm");
    }

    private NDArray linear(NDArray x, String role) {
        NDArray y = x.matMul(w(role + ".weight"));
        NDArray a = adapters.get(role + EncoderAdapters.A);
        if (a != null) {
            y = y.add(x.matMul(a).matMul(adapters.get(role + EncoderAdapters.B)).mul(adapterScale));
        }
        return y.add(w(role + ".bias"));
    }

    /** As the graph computes it: mean, centred, mean of squares, divide by sqrt(var + eps), scale, shift. */
    private NDArray layerNorm(NDArray x, String role) {
        NDArray centred = x.sub(x.mean(new int[]{-1}, true));
        NDArray variance = centred.square().mean(new int[]{-1}, true);
        return centred.div(variance.add(eps).sqrt()).mul(w(role + ".weight")).add(w(role + ".bias"));
    }

    private static NDArray drop(NDArray x, float rate) {
        return rate > 0 ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
    }

    private NDArray w(String role) {
        NDArray a = weights.get(role);
        if (a == null) {
            throw new IllegalArgumentException("no weight " + role);
        }
        return a;
    }

    /** Float mask [batch, tokens] of an int64 attention mask. */
    static NDArray floatMask(NDArray mask) {
        return mask.toType(DataType.FLOAT32, false);
    }
}
