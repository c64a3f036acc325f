package dev.moodlens.inference.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default configuration: both bundled models, offline (surefire sets HF_HUB_OFFLINE=1). */
@QuarkusTest
class BundledModelsTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    static List<String> tweets() throws Exception {
        Path file = Path.of("../../shared/datasets/tweeteval/sentiment/val_text.txt");
        if (Files.isRegularFile(file)) {
            return Files.readAllLines(file).subList(0, 24);
        }
        return List.of("I love this so much!", "worst day ever, everything went wrong", "the meeting is at 3pm",
                "feeling a bit down today", "what a fantastic surprise", "I am scared of tomorrow");
    }

    @Test
    void bundledModelsServeWithTheContractLabels() {
        given().get("/v1/models").then().statusCode(200)
                .body("models[0].id", equalTo("moodlens-sentiment"))
                .body("models[0].source", equalTo("bundled"))
                .body("models[0].labels", equalTo(List.of("negative", "neutral", "positive")))
                .body("models[1].id", equalTo("moodlens-emotion"))
                .body("models[1].labels", equalTo(List.of("sadness", "joy", "love", "anger", "fear", "surprise")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'models' }.data.emotion", containsString("moodlens-emotion"));
    }

    @Test
    void scoresSumToOneAndBatchAgreesWithSingle() throws Exception {
        List<String> texts = tweets();
        String batch = given().contentType(ContentType.JSON).body(Map.of("texts", texts)).post("/v1/sentiment")
                .then().statusCode(200).extract().asString();
        List<Map<String, Object>> batched = JsonPath.from(batch).getList("results");
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> single = given().contentType(ContentType.JSON).body(Map.of("text", texts.get(i)))
                    .post("/v1/sentiment").then().statusCode(200).extract().jsonPath().getMap("results[0]");
            assertEquals(single, batched.get(i), "text " + i);
            @SuppressWarnings("unchecked")
            Map<String, Number> scores = (Map<String, Number>) single.get("scores");
            assertEquals(1.0, scores.values().stream().mapToDouble(Number::doubleValue).sum(), 3.5e-3); // 6 labels, each rounded to 3 decimals
        }
        List<String> reversed = new ArrayList<>(texts);
        java.util.Collections.reverse(reversed);
        List<Map<String, Object>> again = given().contentType(ContentType.JSON).body(Map.of("texts", reversed))
                .post("/v1/sentiment").then().statusCode(200).extract().jsonPath().getList("results");
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(batched.get(i), again.get(texts.size() - 1 - i));
        }
    }

    @Test
    void classifyAnswersBothTasks() {
        JsonPath json = given().contentType(ContentType.JSON)
                .body(Map.of("texts", List.of("I am so happy and grateful today", "I am terrified of what comes next")))
                .post("/v1/classify").then().statusCode(200).extract().jsonPath();
        assertEquals("moodlens-sentiment", json.getString("sentimentModel.id"));
        assertEquals("moodlens-emotion", json.getString("emotionModel.id"));
        assertTrue(List.of("sadness", "joy", "love", "anger", "fear", "surprise")
                .contains(json.getString("results[1].emotion.label")));
    }
}
