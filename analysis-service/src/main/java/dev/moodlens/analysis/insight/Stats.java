package dev.moodlens.analysis.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small statistics over mood values and daily series. */
final class Stats {

    private Stats() {
    }

    /** A calendar day's mean mood over its scored entries. */
    record Day(LocalDate date, double mean, int count) {
    }

    static double mean(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double std(Collection<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double m = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (values.size() - 1));
    }

    /** Days with scored entries, oldest first, each with its mean mood. */
    static List<Day> daily(List<ScoredEntry> entries) {
        Map<LocalDate, double[]> sums = new TreeMap<>();
        for (ScoredEntry e : entries) {
            if (e.scored()) {
                double[] s = sums.computeIfAbsent(e.day(), d -> new double[2]);
                s[0] += e.mood();
                s[1]++;
            }
        }
        List<Day> days = new ArrayList<>(sums.size());
        sums.forEach((d, s) -> days.add(new Day(d, s[0] / s[1], (int) s[1])));
        return days;
    }

    /** Least-squares slope of y against x; NaN with fewer than two distinct x. */
    static double slope(double[] x, double[] y) {
        if (x.length < 2) {
            return Double.NaN;
        }
        Moments m = Moments.of(x, y);
        return m.sxx == 0 ? Double.NaN : m.sxy / m.sxx;
    }

    /** Pearson correlation; NaN when undefined. */
    static double correlation(double[] x, double[] y) {
        if (x.length < 3) {
            return Double.NaN;
        }
        Moments m = Moments.of(x, y);
        return m.sxx == 0 || m.syy == 0 ? Double.NaN : m.sxy / Math.sqrt(m.sxx * m.syy);
    }

    /** Centred sums of squares and cross-products, shared by slope and correlation. */
    private record Moments(double sxx, double syy, double sxy) {

        static Moments of(double[] x, double[] y) {
            int n = x.length;
            double mx = 0, my = 0;
            for (int i = 0; i < n; i++) {
                mx += x[i];
                my += y[i];
            }
            mx /= n;
            my /= n;
            double sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
                sxy += (x[i] - mx) * (y[i] - my);
            }
            return new Moments(sxx, syy, sxy);
        }
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? EntryRef.round(v) : null;
    }
}
