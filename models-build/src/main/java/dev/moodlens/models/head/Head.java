package dev.moodlens.models.head;

import dev.moodlens.models.runtime.Task;

import java.util.Map;

/**
 * A trained classification head over the encoder's mean-pooled output: logits =
 * ((pooled - mean) / scale) · weights + bias + Σ_tokens bag[input_id].
 *
 * @param weights [features][labels]
 * @param bagIds  wordpiece ids that have a bag row (sorted ascending); every other id contributes zero
 * @param bag     [bagIds.length][labels]
 * @param recipe  how it was trained (hyper-parameters, data, selection score), copied into config.json
 */
public record Head(Task task, float[] mean, float[] scale, float[][] weights, float[] bias,
                   int[] bagIds, float[][] bag, Map<String, Object> recipe) {

    public int features() {
        return mean.length;
    }

    public int labels() {
        return bias.length;
    }

    /** The bag as a dense table [vocabSize][labels], zeros for wordpieces never seen in training. */
    public float[][] denseBag(int vocabSize) {
        float[][] dense = new float[vocabSize][labels()];
        for (int i = 0; i < bagIds.length; i++) {
            dense[bagIds[i]] = bag[i].clone();
        }
        return dense;
    }

    /**
     * The head computed in Java from a mean-pooled embedding and the text's wordpiece ids, in the
     * same float operations and order as the ONNX graph appended by the assembler.
     */
    public float[] logits(float[] pooled, long[] ids) {
        int labels = labels();
        float[] x = new float[pooled.length];
        for (int f = 0; f < x.length; f++) {
            x[f] = (pooled[f] - mean[f]) / scale[f];
        }
        float[] out = new float[labels];
        for (int l = 0; l < labels; l++) {
            double sum = 0;
            for (int f = 0; f < x.length; f++) {
                sum += (double) x[f] * weights[f][l];
            }
            out[l] = (float) sum + bias[l];
        }
        for (long id : ids) {
            int row = java.util.Arrays.binarySearch(bagIds, (int) id);
            if (row >= 0) {
                for (int l = 0; l < labels; l++) {
                    out[l] += bag[row][l];
                }
            }
        }
        return out;
    }
}
