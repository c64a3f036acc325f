package dev.moodlens.analysis.insight;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure analysis classes, without Quarkus. */
class AnalyzersTest {

    @Test
    void comprehensiveFindsTrendEmotionsThemesPatternsAndChanges() {
        ComprehensiveAnalysis a = new ComprehensiveAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal()));
        assertEquals(60, a.basis().entryCount());
        assertEquals(60, a.sentimentTrend().daily().size());
        assertTrue(a.sentimentTrend().slopePerWeek() < 0);
        assertEquals("joy", a.emotions().overall().get(0).emotion());
        assertEquals(0.5, a.emotions().overall().get(0).share(), 1e-9);
        assertFalse(a.themes().isEmpty());
        assertTrue(a.themes().stream().allMatch(t -> !t.examples().isEmpty()));
        assertEquals(30, a.writingPatterns().byHourOfDay().get(9).count());
        assertEquals(30, a.writingPatterns().byHourOfDay().get(23).count());
        assertEquals(60, a.writingPatterns().streaks().longestStreakDays());
        assertTrue(a.writingPatterns().gaps().isEmpty());
        assertTrue(a.extremes().mostPositive().get(0).mood() > a.extremes().mostNegative().get(0).mood());
        assertTrue(a.notableChanges().stream().anyMatch(c -> c.metric().equals("meanMood") && c.delta() < 0
                && !c.evidence().isEmpty()), "changes: " + a.notableChanges());
        assertTrue(a.notableChanges().stream().anyMatch(c -> c.metric().equals("emotionShare:sadness")));
    }

    @Test
    void gapsAndPendingEntriesAreReported() {
        List<ScoredEntry> entries = new ArrayList<>();
        entries.add(Journals.entry(1, LocalDate.of(2026, 1, 1), 8, "first", 0.5, "joy"));
        entries.add(Journals.entry(2, LocalDate.of(2026, 1, 20), 8, "after a gap", null, null));
        ComprehensiveAnalysis a = new ComprehensiveAnalyzer().analyze(Journals.snapshot(entries));
        assertEquals(1, a.basis().pendingEntries());
        assertEquals(1, a.basis().scoredEntries());
        assertEquals(18, a.writingPatterns().gaps().get(0).days());
        assertEquals("2026-01-02", a.writingPatterns().gaps().get(0).from());
    }

    @Test
    void anEmptyJournalStillAnswers() {
        JournalSnapshot empty = Journals.snapshot(List.of());
        assertEquals(0, new ComprehensiveAnalyzer().analyze(empty).basis().entryCount());
        assertEquals(5, new PersonalityAnalyzer().analyze(empty).traits().size());
        assertFalse(new PredictiveAnalyzer().analyze(empty).forecast().reliable());
    }

    @Test
    void personalityTraitsFollowTheirSignals() {
        PersonalityProfile p = new PersonalityAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal()));
        assertEquals(5, p.traits().size());
        PersonalityProfile.Trait neuroticism = p.traits().get(4);
        assertEquals("neuroticism", neuroticism.trait());
        assertFalse(neuroticism.evidence().isEmpty());
        assertTrue(neuroticism.evidence().get(0).why().contains("distress words"));
        double confidence = p.traits().get(0).confidence();
        assertEquals(60.0 / 100, confidence, 1e-3); // n / (n + 40), every signal present

        // Fewer entries, less confidence.
        PersonalityProfile few = new PersonalityAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal().subList(0, 10)));
        assertTrue(few.traits().get(0).confidence() < confidence);
        // The happy, social half scores higher on extraversion than the worried half.
        double social = new PersonalityAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal().subList(0, 30)))
                .traits().get(2).score();
        double worried = new PersonalityAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal().subList(30, 60)))
                .traits().get(2).score();
        assertTrue(social > worried, social + " vs " + worried);
    }

    @Test
    void predictiveForecastsAndFindsTheDecline() {
        PredictiveAnalysis p = new PredictiveAnalyzer().analyze(Journals.snapshot(Journals.decliningJournal()));
        assertTrue(p.forecast().reliable());
        assertEquals(14, p.forecast().days().size());
        assertEquals("2026-10-31", p.forecast().days().get(0).date());
        assertTrue(p.forecast().days().get(0).mood() < 0, "continues the decline");
        PredictiveAnalysis.Day d7 = p.forecast().days().get(6);
        assertTrue(d7.lower95() <= d7.lower80() && d7.lower80() <= d7.mood() && d7.mood() <= d7.upper80()
                && d7.upper80() <= d7.upper95());
        List<String> types = p.riskFactors().stream().map(PredictiveAnalysis.RiskFactor::type).toList();
        assertTrue(types.contains("decliningTrend"), types.toString());
        assertTrue(types.contains("negativeStreak"), types.toString());
        assertFalse(types.contains("crisisLanguage"));
        assertTrue(p.support().contains("988"));
    }

    @Test
    void crisisLanguageIsARiskWithHelp() {
        List<ScoredEntry> entries = new ArrayList<>(Journals.decliningJournal());
        entries.add(Journals.entry(99, LocalDate.of(2026, 10, 31), 2, "I don't want to live like this anymore.", -0.9, "sadness"));
        PredictiveAnalysis.RiskFactor crisis = new RiskDetector().detect(entries).stream()
                .filter(r -> r.type().equals("crisisLanguage")).findFirst().orElseThrow();
        assertEquals("high", crisis.severity());
        assertNotNull(crisis.help());
        assertTrue(crisis.help().contains("988"));
        assertEquals("e99", crisis.evidence().get(0).id());
    }

    @Test
    void sharpDropsAndVolatilityAreDetected() {
        List<ScoredEntry> entries = new ArrayList<>();
        LocalDate start = LocalDate.of(2026, 9, 1);
        for (int d = 0; d < 42; d++) {
            double mood = d < 28 ? 0.3 + (d % 2) * 0.05 : (d % 2 == 0 ? 0.7 : -0.6);
            entries.add(Journals.entry(d, start.plusDays(d), 12, "day " + d, mood, "joy"));
        }
        List<String> types = new RiskDetector().detect(entries).stream().map(PredictiveAnalysis.RiskFactor::type).toList();
        assertTrue(types.contains("sharpDrop"), types.toString());
        assertTrue(types.contains("risingVolatility"), types.toString());
    }

    @Test
    void holtRecoversALinearTrend() {
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = -0.5 + 0.02 * i;
        }
        HoltForecaster.Fit fit = new HoltForecaster().fit(y);
        assertEquals(0.28, fit.level(), 0.01); // the last value, -0.5 + 0.02 * 39
        assertTrue(fit.forecast(1) > fit.level());
        assertTrue(fit.sd(14) >= fit.sd(1));
    }

    @Test
    void missingDaysAreInterpolated() {
        List<Stats.Day> days = List.of(new Stats.Day(LocalDate.of(2026, 1, 1), 0.0, 1),
                new Stats.Day(LocalDate.of(2026, 1, 5), 0.8, 1));
        double[] y = PredictiveAnalyzer.interpolate(days, LocalDate.of(2026, 1, 1), 5);
        assertEquals(0.4, y[2], 1e-9);
    }
}
