package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.ModelStamp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ModelsKeyTest {

    private static final ModelStamp SENTIMENT = new ModelStamp("moodlens-sentiment", "abc");
    private static final ModelStamp EMOTION = new ModelStamp("moodlens-emotion", "def");

    @Test
    void theKeyTakesTheReadingOfTheAnswer() {
        ModelRevisions.Models models = ModelRevisions.Models.of(new AnalyzeResponse(List.of(), SENTIMENT, EMOTION,
                "sentence:emphasis,emotion-whole-text=0.5"));
        assertEquals("moodlens-sentiment@abc|moodlens-emotion@def|sentence:emphasis,emotion-whole-text=0.5", models.key());
        assertNotEquals(models.key(), new ModelRevisions.Models(SENTIMENT, EMOTION, "sentence:emphasis,emotion-whole-text=0.0").key(),
                "another share of the whole text is another reading");
        assertEquals("sentence:emphasis,emotion-whole-text=0.5", ModelRevisions.Models.readingOf(models.key()));
    }
}
