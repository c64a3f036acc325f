package dev.moodlens.analysis.insight;

import dev.moodlens.common.safety.CrisisLanguage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts daily mood 14 days past the journal's last day and lists risk factors. The history is the
 * last {@value #HISTORY_DAYS} calendar days up to the last scored day; days without entries are filled
 * by linear interpolation between their neighbours (a gap is not a mood), then Holt's damped trend
 * smoothing is fitted on it.
 */
public final class PredictiveAnalyzer {

    static final int HISTORY_DAYS = 180;
    static final int HORIZON = 14;
    static final int MIN_DAYS = 5;
    static final int RELIABLE_DAYS = 14;
    static final double Z80 = 1.2816;
    static final double Z95 = 1.96;
    static final String METHOD = "Holt's linear exponential smoothing with damped trend (ETS(A,Ad,N)) fitted on daily mean "
            + "mood (P(positive) - P(negative)); parameters by grid search minimizing one-step squared error; prediction "
            + "intervals from the model's h-step error variance, clipped to [-1, 1]; days without entries interpolated.";
    static final String SUPPORT = "Forecasts and risk factors are statistical readings of your writing, not a diagnosis or "
            + "a prediction of what will happen. If you are struggling, talking to someone you trust or a professional helps. "
            + CrisisLanguage.HELP_TEXT;

    private final HoltForecaster holt = new HoltForecaster();
    private final RiskDetector risks = new RiskDetector();

    public PredictiveAnalysis analyze(JournalSnapshot snapshot) {
        List<Stats.Day> days = Stats.daily(snapshot.scored());
        PredictiveAnalysis.Forecast forecast = forecast(days);
        List<PredictiveAnalysis.Horizon> horizons = new ArrayList<>();
        for (int h : new int[]{7, 14}) {
            if (forecast.days().size() >= h) {
                List<PredictiveAnalysis.Day> first = forecast.days().subList(0, h);
                horizons.add(new PredictiveAnalysis.Horizon(h,
                        EntryRef.round(first.stream().mapToDouble(PredictiveAnalysis.Day::mood).average().orElse(0)),
                        EntryRef.round(first.stream().mapToDouble(PredictiveAnalysis.Day::lower80).average().orElse(0)),
                        EntryRef.round(first.stream().mapToDouble(PredictiveAnalysis.Day::upper80).average().orElse(0))));
            }
        }
        return new PredictiveAnalysis(snapshot.basis(), forecast, horizons, risks.detect(snapshot.entries()), SUPPORT);
    }

    PredictiveAnalysis.Forecast forecast(List<Stats.Day> days) {
        if (days.size() < MIN_DAYS) {
            return new PredictiveAnalysis.Forecast(METHOD, false, "at least " + MIN_DAYS
                    + " days with scored entries are needed for a forecast; there are " + days.size(),
                    0, days.size(), null, null, null, null, null, null, List.of());
        }
        LocalDate last = days.get(days.size() - 1).date();
        LocalDate first = days.get(0).date().isBefore(last.minusDays(HISTORY_DAYS - 1)) ? last.minusDays(HISTORY_DAYS - 1)
                : days.get(0).date();
        List<Stats.Day> used = days.stream().filter(d -> !d.date().isBefore(first)).toList();
        if (used.size() < MIN_DAYS) {
            used = days.subList(days.size() - MIN_DAYS, days.size());
        }
        LocalDate start = used.get(0).date();
        int length = (int) ChronoUnit.DAYS.between(start, last) + 1;
        double[] y = interpolate(used, start, length);
        HoltForecaster.Fit fit = holt.fit(y);
        List<PredictiveAnalysis.Day> out = new ArrayList<>();
        for (int h = 1; h <= HORIZON; h++) {
            double mean = clip(fit.forecast(h));
            double sd = fit.sd(h);
            out.add(new PredictiveAnalysis.Day(last.plusDays(h).toString(), h, EntryRef.round(mean),
                    EntryRef.round(clip(mean - Z80 * sd)), EntryRef.round(clip(mean + Z80 * sd)),
                    EntryRef.round(clip(mean - Z95 * sd)), EntryRef.round(clip(mean + Z95 * sd))));
        }
        boolean reliable = used.size() >= RELIABLE_DAYS;
        String note = "forecast starts the day after the last entry (" + last + ")"
                + (reliable ? "" : "; fewer than " + RELIABLE_DAYS + " days with entries, so treat it as rough");
        return new PredictiveAnalysis.Forecast(METHOD, reliable, note, length, used.size(), start.toString(), last.toString(),
                EntryRef.round(fit.alpha()), EntryRef.round(fit.beta()), EntryRef.round(fit.phi()),
                EntryRef.round(fit.sigma()), out);
    }

    static double[] interpolate(List<Stats.Day> days, LocalDate start, int length) {
        double[] y = new double[length];
        boolean[] known = new boolean[length];
        for (Stats.Day d : days) {
            int i = (int) ChronoUnit.DAYS.between(start, d.date());
            if (i >= 0 && i < length) {
                y[i] = d.mean();
                known[i] = true;
            }
        }
        int prev = -1;
        for (int i = 0; i < length; i++) {
            if (known[i]) {
                for (int j = prev + 1; j < i && prev >= 0; j++) {
                    y[j] = y[prev] + (y[i] - y[prev]) * (j - prev) / (double) (i - prev);
                }
                prev = i;
            }
        }
        return y;
    }

    private static double clip(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
