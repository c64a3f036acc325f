package dev.moodlens.analysis.insight;

import dev.moodlens.analysis.support.StubInference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

/** With Redis unreachable every endpoint still answers from PostgreSQL and inference; health says "degraded". */
@QuarkusTest
@TestProfile(RedisDownTest.ClosedRedisPort.class)
@WithTestResource(StubInference.class)
class RedisDownTest {

    @BeforeEach
    void callAsService() {
        TestTokens.callAsService();
    }

    public static class ClosedRedisPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 is closed: every Redis call fails at once (the machine's Redis is left alone).
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "moodlens.cache.timeout", "PT0.25S");
        }
    }

    @Test
    void everyEndpointAnswersWithoutRedis() throws Exception {
        String user = AnalysisApiTest.importSample();
        for (String analysis : new String[]{"comprehensive", "personality", "predictive"}) {
            given().get("/v1/users/{u}/analysis/" + analysis, user).then().statusCode(200).header("X-Cache", "miss")
                    .body("basis.pendingEntries", is(0));
            // No cache: the second call is computed again, with the same content.
            given().get("/v1/users/{u}/analysis/" + analysis, user).then().statusCode(200).header("X-Cache", "miss");
        }
        given().get("/v1/users/{u}/context", user).then().statusCode(200).body("pendingEntries", is(0));
        String id = given().contentType(ContentType.JSON).body("{\"text\": \"Still writing without a cache, happy.\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201).extract().path("id");
        given().get("/v1/users/{u}/entries/{id}", user, id).then().statusCode(200);
        given().get("/v1/users/{u}/analysis/comprehensive", user).then().statusCode(200)
                .body("basis.pendingEntries", is(0));
        given().get("/v1/users/{u}/entries/export", user).then().statusCode(200);
    }

    @Test
    void readinessStaysUpAndReportsTheCacheDegraded() throws Exception {
        AnalysisApiTest.importSample();
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.find { it.name == 'result-cache' }.data.state", is("degraded"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("moodlens_cache_requests_total"));
    }
}
