package dev.moodlens.analysis.insight;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET /v1/users/{user}/analysis/predictive: a mood forecast with intervals, and risk factors with evidence. */
@Schema(description = "Forecast of daily mood for 14 days with 80% and 95% prediction intervals, and risk factors")
// Written by Jackson into the cached JSON (AnalysisService), not as a REST return type: registered for a native
// executable, with the records it holds.
@RegisterForReflection(registerFullHierarchy = true)
public record PredictiveAnalysis(Basis basis, Forecast forecast, List<Horizon> horizons, List<RiskFactor> riskFactors,
                                 String support) {

    @Schema(description = "How the forecast was made and what it was fitted on")
    public record Forecast(String method, boolean reliable, String note, int historyDays, int observedDays,
                           String fittedFrom, String fittedTo, Double alpha, Double beta, Double phi,
                           Double residualSd, List<Day> days) {
    }

    @Schema(description = "Forecast mood of one day with 80% and 95% prediction intervals, clipped to [-1, 1]")
    public record Day(String date, int horizon, double mood, double lower80, double upper80, double lower95,
                      double upper95) {
    }

    @Schema(description = "Mean forecast mood over the next 7 or 14 days")
    public record Horizon(int days, double meanMood, double lower80, double upper80) {
    }

    @Schema(description = "A pattern worth attention, with the days and entries that show it; crisis language always carries help")
    public record RiskFactor(String type, String severity, String description, List<String> days,
                             List<EntryRef> evidence, String help) {
    }
}
