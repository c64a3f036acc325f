package dev.moodlens.analysis.insight;

/**
 * Holt's linear exponential smoothing with a damped trend (ETS(A,Ad,N)), fitted by grid search of the
 * smoothing parameters that minimize the one-step-ahead squared error. Prediction intervals use the
 * model's h-step variance sigma^2 * (1 + sum_{j=1}^{h-1} (alpha * (1 + beta * phi_j))^2) with
 * phi_j = phi + ... + phi^j (Hyndman et al., Forecasting with Exponential Smoothing, 2008).
 */
public final class HoltForecaster {

    private static final double[] ALPHAS = grid(0.05, 0.95, 0.05);
    private static final double[] BETAS = {0.01, 0.03, 0.05, 0.1, 0.2, 0.3};
    private static final double[] PHIS = {0.8, 0.9, 0.95, 0.98};

    /** A fitted model: parameters, final level and trend, residual standard deviation. */
    public record Fit(double alpha, double beta, double phi, double level, double trend, double sigma, int n) {

        /** Point forecast h steps ahead (h >= 1). */
        public double forecast(int h) {
            double damp = 0;
            double p = 1;
            for (int i = 1; i <= h; i++) {
                p *= phi;
                damp += p;
            }
            return level + damp * trend;
        }

        /** Standard deviation of the h-step forecast error. */
        public double sd(int h) {
            double sum = 1;
            double phiJ = 0;
            double p = 1;
            for (int j = 1; j < h; j++) {
                p *= phi;
                phiJ += p;
                double c = alpha * (1 + beta * phiJ);
                sum += c * c;
            }
            return sigma * Math.sqrt(sum);
        }
    }

    /** Fits the series (at least 3 values). */
    public Fit fit(double[] y) {
        if (y.length < 3) {
            throw new IllegalArgumentException("need at least 3 values");
        }
        Fit best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double phi : PHIS) {
                    double[] out = run(y, a, b, phi);
                    if (out[0] < bestSse) {
                        bestSse = out[0];
                        best = new Fit(a, b, phi, out[1], out[2], 0, y.length);
                    }
                }
            }
        }
        double sigma = Math.sqrt(bestSse / Math.max(1, y.length - 3));
        return new Fit(best.alpha(), best.beta(), best.phi(), best.level(), best.trend(), sigma, y.length);
    }

    /** SSE of one-step errors, final level and trend; beta here is the trend smoothing of the error form. */
    private static double[] run(double[] y, double alpha, double beta, double phi) {
        double level = y[0];
        double trend = y.length > 1 ? (y[1] - y[0]) * 0.5 : 0;
        double sse = 0;
        for (int t = 1; t < y.length; t++) {
            double predicted = level + phi * trend;
            double error = y[t] - predicted;
            sse += error * error;
            level = predicted + alpha * error;
            trend = phi * trend + alpha * beta * error;
        }
        return new double[]{sse, level, trend};
    }

    private static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = from + i * step;
        }
        return values;
    }
}
