package dev.moodlens.analysis.insight;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** GET /v1/users/{user}/analysis/personality: a Big-Five-style profile estimated from writing signals. */
@Schema(description = "A Big-Five-style profile estimated from explainable writing signals; not a personality test")
// Written by Jackson into the cached JSON (AnalysisService), not as a REST return type: registered for a native
// executable, with the records it holds.
@RegisterForReflection(registerFullHierarchy = true)
public record PersonalityProfile(Basis basis, String method, List<Trait> traits) {

    @Schema(description = "One trait: score 0-100, confidence 0-1 growing with the number of entries, and what it rests on")
    public record Trait(String trait, double score, String level, double confidence, String summary,
                        List<Signal> signals, List<EntryRef> evidence) {
    }

    @Schema(description = "One signal: its raw value, its value scaled to 0-1 against the documented reference range, its weight and direction")
    public record Signal(String name, String description, Double value, Double scaled, double weight, String direction) {
    }
}
