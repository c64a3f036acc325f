package dev.moodlens.models.eval;

/** Pearson's r of predicted scores against gold ones (EmoBank valence): fine-tuning selects by it, the evaluation reports it. */
public final class Correlation {

    private Correlation() {
    }

    /** r of {@code x} and {@code y} (same length); 0 when either is constant. */
    public static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
