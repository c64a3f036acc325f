package dev.moodlens.analysis.insight;

import dev.moodlens.common.api.ModelStamp;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an analysis was computed from, carried by every analysis. */
@Schema(description = "What the analysis was computed from")
public record Basis(
        String user,
        @Schema(description = "entries in the journal") int entryCount,
        @Schema(description = "entries with sentiment and emotion results") int scoredEntries,
        @Schema(description = "entries without a result from the current model revisions (inference was unavailable or the models changed)") int pendingEntries,
        @Schema(description = "entries the inference service refused to score (a 4xx answer for their text, moodlens.analysis.max-scoring-attempts times); not pending, not retried until the text or the models change") int failedEntries,
        @Schema(description = "journal revision (bumped by every write) the analysis reflects") long journalRevision,
        @Schema(description = "model revisions whose results were used") List<ModelStamp> models,
        String computedAt,
        String firstEntry,
        String lastEntry,
        String disclaimer) {

    public static final String DISCLAIMER = "This analysis is computed automatically from the words in your journal by "
            + "machine-learning models and simple statistics. It is not a diagnosis, a clinical assessment or a "
            + "personality test; if you are worried about how you feel, please talk to a health professional.";
}
