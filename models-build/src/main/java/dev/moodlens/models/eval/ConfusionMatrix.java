package dev.moodlens.models.eval;

import java.util.List;

/** Counts of (true label, predicted label) and the scores derived from them, in percent. */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    public static ConfusionMatrix of(List<String> labels, int[] truth, int[] predicted) {
        ConfusionMatrix m = new ConfusionMatrix(labels);
        for (int i = 0; i < truth.length; i++) {
            m.add(truth[i], predicted[i]);
        }
        return m;
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        return 100.0 * right / Math.max(1, total());
    }

    /** Mean over labels of recall (labels absent from the truth are skipped): TweetEval's sentiment metric. */
    public double macroRecall() {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < counts.length; i++) {
            long support = rowSum(i);
            if (support > 0) {
                sum += (double) counts[i][i] / support;
                present++;
            }
        }
        return 100.0 * sum / Math.max(1, present);
    }

    /** Mean over labels of F1 (a label never predicted nor present counts as 0 if present in the truth). */
    public double macroF1() {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < counts.length; i++) {
            long support = rowSum(i);
            if (support == 0) {
                continue;
            }
            long predicted = 0;
            for (long[] row : counts) {
                predicted += row[i];
            }
            double precision = predicted == 0 ? 0 : (double) counts[i][i] / predicted;
            double recall = (double) counts[i][i] / support;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            present++;
        }
        return 100.0 * sum / Math.max(1, present);
    }

    private long rowSum(int i) {
        long s = 0;
        for (long c : counts[i]) {
            s += c;
        }
        return s;
    }

    /** A plain-text table: rows are the true labels, columns the predicted ones. */
    public String format() {
        int width = 9;
        for (String l : labels) {
            width = Math.max(width, l.length() + 1);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-" + width + "s", "true\\pred"));
        for (String l : labels) {
            out.append(String.format("%" + width + "s", l));
        }
        out.append('\n');
        for (int i = 0; i < labels.size(); i++) {
            out.append(String.format("%-" + width + "s", labels.get(i)));
            for (long c : counts[i]) {
                out.append(String.format("%" + width + "d", c));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
