package dev.moodlens.inference.api;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.TinyModelsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code "granularity":"sentence"}: sentences with offsets, an aggregate of them, windows instead of cuts. */
@QuarkusTest
@TestProfile(TinyModelsProfile.class)
class SentenceGranularityTest {

    static final String ENTRY = "I love this great movie. The day was awful and sad!\nOk fine.";

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    static JsonPath classify(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/classify")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void eachSentenceIsReadWithItsOffsetsAndTheTextIsTheirAggregate() {
        JsonPath json = classify(Map.of("text", ENTRY, "granularity", "sentence"));
        List<Map<String, Object>> sentences = json.getList("results[0].sentences");
        assertEquals(3, sentences.size());
        assertEquals("I love this great movie.", ENTRY.substring((int) sentences.get(0).get("start"), (int) sentences.get(0).get("end")));
        assertEquals("The day was awful and sad!", ENTRY.substring((int) sentences.get(1).get("start"), (int) sentences.get(1).get("end")));
        assertEquals("Ok fine.", ENTRY.substring((int) sentences.get(2).get("start"), (int) sentences.get(2).get("end")));
        double weights = sentences.stream().mapToDouble(s -> ((Number) s.get("weight")).doubleValue()).sum();
        assertEquals(1.0, weights, 2e-3);
        // every sentence reads as it reads alone
        for (int i = 0; i < 3; i++) {
            String sentence = ENTRY.substring((int) sentences.get(i).get("start"), (int) sentences.get(i).get("end"));
            JsonPath alone = classify(Map.of("text", sentence));
            assertEquals(alone.getMap("results[0].sentiment"), json.getMap("results[0].sentences[" + i + "].sentiment"));
            assertEquals(alone.getMap("results[0].emotion"), json.getMap("results[0].sentences[" + i + "].emotion"));
        }
        Map<String, Float> scores = json.getMap("results[0].sentiment.scores", String.class, Float.class);
        assertEquals(1.0, scores.values().stream().mapToDouble(Float::doubleValue).sum(), 3e-3);
        assertFalse(json.getBoolean("results[0].sentiment.truncated"));
        // the answer says how it read: the rule and the whole text's share of each task, as configured
        assertEquals("sentence:emphasis,emotion-whole-text=0.5,sentiment-whole-text=0.5", json.getString("reading"));
    }

    /**
     * Half of each task's answer is the sentences' weighted mean, half the text read whole
     * (reading.emotion-whole-text-share, reading.sentiment-whole-text-share).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sentiment", "emotion"})
    void eachTaskTakesInTheWholeTextAsWellAsItsSentences(String task) {
        JsonPath json = classify(Map.of("text", ENTRY, "granularity", "sentence"));
        JsonPath whole = classify(Map.of("text", ENTRY));
        List<Map<String, Object>> sentences = json.getList("results[0].sentences");
        Map<String, Float> wholeScores = whole.getMap("results[0]." + task + ".scores", String.class, Float.class);
        Map<String, Float> scores = json.getMap("results[0]." + task + ".scores", String.class, Float.class);
        for (String label : wholeScores.keySet()) {
            double ofSentences = 0;
            for (int i = 0; i < sentences.size(); i++) {
                double weight = ((Number) sentences.get(i).get("weight")).doubleValue();
                ofSentences += weight * json.getDouble("results[0].sentences[" + i + "]." + task + ".scores." + label);
            }
            assertEquals(0.5 * ofSentences + 0.5 * wholeScores.get(label), scores.get(label), 5e-3, label);
        }
    }

    @Test
    void aTextReadsTheSameWhateverItIsSentWith() {
        JsonPath alone = classify(Map.of("text", ENTRY, "granularity", "sentence"));
        JsonPath batched = classify(Map.of("texts", List.of("good day", ENTRY, "bad bad movie. it was awful"),
                "granularity", "sentence"));
        assertEquals(alone.getMap("results[0]"), batched.getMap("results[1]"));
    }

    @Test
    void aSentenceLongerThanTheModelReadsIsReadInWindowsNeverCut() {
        String longSentence = "good ".repeat(40) + "awful ".repeat(40) + "day";
        JsonPath json = classify(Map.of("text", longSentence, "granularity", "sentence"));
        assertFalse(json.getBoolean("results[0].sentiment.truncated"));
        assertEquals(1, json.getList("results[0].sentences").size());
        JsonPath cut = classify(Map.of("text", longSentence));
        assertTrue(cut.getBoolean("results[0].sentiment.truncated"), "text granularity still cuts and says so");
    }

    @Test
    void textGranularityHasNoSentences() {
        JsonPath json = classify(Map.of("text", ENTRY));
        assertNull(json.get("results[0].sentences"));
        assertEquals("text", json.getString("reading"));
        JsonPath explicit = classify(Map.of("text", ENTRY, "granularity", "text"));
        assertEquals(json.getMap("results[0]"), explicit.getMap("results[0]"));
    }

    @Test
    void aTextWithoutWordsIsOneSentence() {
        JsonPath json = classify(Map.of("text", ":) !!!", "granularity", "sentence"));
        assertEquals(1, json.getList("results[0].sentences").size());
    }

    @Test
    void granularityIsCheckedAndOfferedByClassifyOnly() {
        given().contentType(ContentType.JSON).body(Map.of("text", ENTRY, "granularity", "sentence")).post("/v1/sentiment")
                .then().statusCode(400).body("detail", containsString("/v1/classify"));
        given().contentType(ContentType.JSON).body(Map.of("text", ENTRY, "granularity", "paragraph")).post("/v1/classify")
                .then().statusCode(400).body("detail", containsString("granularity"));
    }
}
