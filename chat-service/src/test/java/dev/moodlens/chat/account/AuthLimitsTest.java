package dev.moodlens.chat.account;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.chat.config.ChatConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Review finding 3: per-client limits on registration and login, and the per-name login limit keyed on the
 * name and the client together. Each test speaks from its own loopback addresses (127.x.y.z, all local on
 * Linux), so it has fresh per-client budgets and leaves the suite's 127.0.0.1 budgets alone.
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class AuthLimitsTest {

    private static final String PASSWORD = "correct horse battery";

    @Inject
    ChatConfig config;

    @BeforeEach
    void noFilters() {
        RestAssured.replaceFiltersWith(new java.util.ArrayList<>());
    }

    private static String name() {
        return "lim-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh loopback address, as another client would be. */
    private static InetAddress client() throws UnknownHostException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(2, 250),
                (byte) random.nextInt(1, 250), (byte) random.nextInt(2, 250)});
    }

    private static Response auth(InetAddress from, String kind, String user, String password) {
        return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", from)))
                .contentType(ContentType.JSON).body(Map.of("user", user, "password", password))
                .post("/v1/auth/" + kind);
    }

    @Test
    void finding3RegistrationsAreLimitedPerClient() throws Exception {
        InetAddress busy = client();
        int budget = config.auth().registrationsPerClientPerHour();
        for (int i = 0; i < budget; i++) {
            auth(busy, "register", name(), PASSWORD).then().statusCode(201);
        }
        auth(busy, "register", name(), PASSWORD).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("registrations"));
        // Bad input costs no hash and is answered as before, without spending or needing a budget.
        auth(busy, "register", name(), "short").then().statusCode(400);
        // Another client has its own budget.
        auth(client(), "register", name(), PASSWORD).then().statusCode(201);
    }

    @Test
    void finding3LoginAttemptsAreLimitedPerClientWhateverTheNames() throws Exception {
        InetAddress rotating = client();
        int budget = config.auth().loginAttemptsPerClientPerMinute();
        for (int i = 0; i < budget; i++) {
            auth(rotating, "login", name(), PASSWORD).then().statusCode(401); // a new name each time
        }
        // The budget refills evenly (one attempt per 60/budget s) while the loop runs: the refusal comes
        // within a few more attempts, never later than the budget again.
        Response refused = null;
        for (int i = 0; i < budget && refused == null; i++) {
            Response answer = auth(rotating, "login", name(), PASSWORD);
            if (answer.statusCode() != 401) {
                refused = answer;
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(refused, "no 429 after twice the per-client budget");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("from this client"));
        auth(client(), "login", name(), PASSWORD).then().statusCode(401);
    }

    @Test
    void finding3SomeoneElsesFailuresDoNotLockTheOwnerOut() throws Exception {
        InetAddress owner = client();
        InetAddress attacker = client();
        String user = name();
        auth(owner, "register", user, PASSWORD).then().statusCode(201);
        int perName = config.auth().loginAttemptsPerMinute();
        for (int i = 0; i < perName; i++) {
            auth(attacker, "login", user, "guess number " + i).then().statusCode(401);
        }
        auth(attacker, "login", user, PASSWORD).then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString("for this user"));
        // The owner's own client still has its budget for this name.
        auth(owner, "login", user, PASSWORD).then().statusCode(200);
    }
}
