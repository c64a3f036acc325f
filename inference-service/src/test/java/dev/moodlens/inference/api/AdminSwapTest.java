package dev.moodlens.inference.api;

import dev.moodlens.inference.testing.TinyModelsProfile;
import dev.moodlens.models.runtime.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.AdminToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Swapping a task's model from the (fake) Hub while requests keep flowing: none is dropped. */
@QuarkusTest
@TestProfile(TinyModelsProfile.class)
class AdminSwapTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    @Test
    void swapFromTheHubWithoutDroppingRequests() throws Exception {
        // /v1/models names a local directory only by its name; the profile knows where it is.
        String original = TinyModelsProfile.Resources.root.resolve("tiny-sentiment").toString();
        given().get("/v1/models").then().body("models[0].reference", equalTo("local:tiny-sentiment"));
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                int failures = 0;
                while (running.get()) {
                    int status = given().contentType(ContentType.JSON).body(Map.of("texts", List.of("good day", "bad")))
                            .post("/v1/sentiment").then().extract().statusCode();
                    failures += status == 200 ? 0 : 1;
                }
                return failures;
            }));
        }
        Thread.sleep(200);
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/tiny-sentiment@main"))
                .post("/v1/admin/models/sentiment")
                .then().statusCode(200).body("id", equalTo("acme/tiny-sentiment")).body("source", equalTo("hub"));
        Thread.sleep(200);
        running.set(false);
        for (Future<Integer> client : clients) {
            assertEquals(0, client.get(), "requests failed during the swap");
        }
        pool.shutdown();
        given().contentType(ContentType.JSON).body(Map.of("text", "good")).post("/v1/sentiment")
                .then().statusCode(200).body("model.id", equalTo("acme/tiny-sentiment"));
        given().get("/v1/models").then().body("models[0].revision", equalTo("0123456789abcdef0123456789abcdef01234567"));

        // swapping in a model the Hub does not have fails clearly and leaves the serving one alone
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/nope@main"))
                .post("/v1/admin/models/sentiment")
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("acme/nope"));
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/tiny-sentiment@main"))
                .post("/v1/admin/models/mood").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("text", "good")).post("/v1/sentiment")
                .then().statusCode(200).body("model.id", equalTo("acme/tiny-sentiment"));

        // and back, for the other tests sharing this application
        AdminToken.asAdmin().contentType(ContentType.JSON).body(Map.of("model", original)).post("/v1/admin/models/sentiment")
                .then().statusCode(200).body("id", equalTo("tiny-sentiment"));
    }
}
