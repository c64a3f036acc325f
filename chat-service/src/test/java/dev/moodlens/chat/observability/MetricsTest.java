package dev.moodlens.chat.observability;

import dev.moodlens.chat.StandInServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import dev.moodlens.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** After a chat turn, /q/metrics shows the monitoring points the Grafana dashboard reads. */
@QuarkusTest
@WithTestResource(StandInServers.class)
class MetricsTest {

    @BeforeEach
    void signIn() {
        TestTokens.signInAsNamedUser();
    }

    @Test
    void exposesCacheAndEndpointMetricsAfterATurn() {
        StandInServers.reset();
        given().contentType(ContentType.JSON)
                .body(Map.of("user", "metrics-user", "message", "A calm day at last."))
                .post("/v1/chat").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("moodlens_cache_requests_total"))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/v1/chat\""));
    }
}
