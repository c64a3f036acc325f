package dev.moodlens.analysis.journal;

import dev.moodlens.analysis.support.StubInference;
import dev.moodlens.common.token.TokenNames;
import dev.moodlens.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal is its owner's: other users get 404, never the data; services act for the user in the path. */
@QuarkusTest
@WithTestResource(StubInference.class)
class JournalAccessTest {

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static String write(String user, String token, String text) {
        return as(token).contentType(ContentType.JSON).body("{\"text\": \"" + text + "\"}")
                .post("/v1/users/{u}/entries", user).then().statusCode(201).extract().path("id");
    }

    @Test
    void anOwnerReadsAndWritesTheirJournalWithTheirOwnToken() {
        String alice = user();
        String token = TestTokens.user(alice);
        String id = write(alice, token, "A good day with friends");
        as(token).get("/v1/users/{u}/entries/{id}", alice, id).then().statusCode(200).body("id", equalTo(id));
        as(token).get("/v1/users/{u}/entries", alice).then().statusCode(200).body("total", is(1));
        as(token).get("/v1/users/{u}/analysis/comprehensive", alice).then().statusCode(200);
        as(token).get("/v1/users/{u}/context", alice).then().statusCode(200);
    }

    @Test
    void anotherUsersEntryAnalysisOrJournalIs404WithoutTheData() {
        String alice = user();
        String bob = user();
        String secret = "Alice's private entry about the lake";
        String id = write(alice, TestTokens.user(alice), secret);
        String bobs = TestTokens.user(bob);
        for (String path : new String[]{"/v1/users/{u}/entries/" + id, "/v1/users/{u}/entries",
                "/v1/users/{u}/entries/export", "/v1/users/{u}/analysis/comprehensive",
                "/v1/users/{u}/analysis/personality", "/v1/users/{u}/analysis/predictive", "/v1/users/{u}/context"}) {
            as(bobs).get(path, alice).then().statusCode(404).contentType("application/problem+json")
                    .body(not(containsString("lake")));
        }
        as(bobs).contentType(ContentType.JSON).body("{\"text\": \"overwritten\"}")
                .put("/v1/users/{u}/entries/{id}", alice, id).then().statusCode(404);
        as(bobs).delete("/v1/users/{u}/entries/{id}", alice, id).then().statusCode(404);
        as(bobs).contentType(ContentType.JSON).body("{\"text\": \"planted\"}")
                .post("/v1/users/{u}/entries", alice).then().statusCode(404);
        // Bob's own journal does not see Alice's entry either, and hers is untouched.
        as(bobs).get("/v1/users/{u}/entries/{id}", bob, id).then().statusCode(404);
        as(TestTokens.user(alice)).get("/v1/users/{u}/entries/{id}", alice, id).then().statusCode(200)
                .body("text", equalTo(secret));
    }

    /** Review finding 12: a token was still accepted about a minute after it expired (the default clock skew). */
    @Test
    void finding12ATokenExpiredTwentySecondsAgoIs401() {
        String expired = TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("test-service").groups(dev.moodlens.common.token.Roles.SERVICE)
                .audience(TokenNames.ANALYSIS)
                .issuedAt(java.time.Instant.now().minusSeconds(300)).expiresAt(java.time.Instant.now().minusSeconds(20)));
        given().header("Authorization", "Bearer " + expired).get("/v1/users/{u}/entries", "u-" + UUID.randomUUID())
                .then().statusCode(401);
    }

    @Test
    void noTokenOrABadTokenIs401ProblemJson() throws Exception {
        String alice = user();
        given().get("/v1/users/{u}/entries", alice).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body("{\"text\": \"x\"}").post("/v1/users/{u}/entries", alice)
                .then().statusCode(401);
        var otherKey = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        as(Jwt.issuer(TokenNames.CHAT).audience(TokenNames.ANALYSIS).upn(alice).groups("user").sign(otherKey))
                .get("/v1/users/{u}/entries", alice).then().statusCode(401);
        // A token with neither role is refused too.
        as(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn(alice).groups("guest").audience(TokenNames.ANALYSIS)))
                .get("/v1/users/{u}/entries", alice).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aServiceTokenActsForTheUserInThePathAndScoringCallsCarryOne() {
        String carol = user();
        String id = write(carol, TestTokens.service(), "I feel happy and grateful today");
        as(TestTokens.user(carol)).get("/v1/users/{u}/entries/{id}", carol, id).then().statusCode(200);
        as(TestTokens.service()).get("/v1/users/{u}/context", carol).then().statusCode(200);
        // The analysis service called inference with its own service token.
        as(TestTokens.service()).get("/v1/users/{u}/analysis/comprehensive", carol).then().statusCode(200);
        String authorization = StubInference.lastAuthorization();
        assertNotNull(authorization);
        assertTrue(authorization.startsWith("Bearer "), authorization);
        String[] parts = authorization.substring(7).split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"service\""), claims);
        assertTrue(claims.contains("analysis-service"), claims);
        // Signed by this service as itself, for the inference service only (review finding 6).
        assertTrue(claims.contains("\"iss\":\"" + TokenNames.ANALYSIS + "\""), claims);
        assertTrue(claims.matches(".*\"aud\":\\[?\"" + TokenNames.INFERENCE + "\"\\]?[,}].*"), claims);
        assertEquals(3, parts.length);
    }

    /**
     * Review finding 6: one key signed every token and no token named its audience, so the analysis service
     * (which parses untrusted imports) held the key that mints user tokens, and a token for one service opened
     * them all. Now the analysis key signs nothing this service takes, and a token must name this service.
     */
    @Test
    void finding6AUserOrServiceTokenSignedByTheAnalysisKeyIs401() {
        String alice = user();
        write(alice, TestTokens.user(alice), "Only mine");
        as(TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn(alice).groups("user").audience(TokenNames.ANALYSIS)
                .expiresIn(600))).get("/v1/users/{u}/entries", alice).then().statusCode(401)
                .contentType("application/problem+json");
        as(TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn("analysis-service").groups("service")
                .audience(TokenNames.ANALYSIS).expiresIn(600))).get("/v1/users/{u}/entries", alice).then().statusCode(401);
    }

    @Test
    void finding6ATokenMeantForAnotherServiceIs401() {
        String alice = user();
        write(alice, TestTokens.user(alice), "Only mine");
        // chat's service token for the inference service, replayed here
        as(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("chat-service").groups("service")
                .audience(TokenNames.INFERENCE).expiresIn(600))).get("/v1/users/{u}/entries", alice).then().statusCode(401)
                .contentType("application/problem+json");
        as(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn(alice).groups("user").audience(TokenNames.CHAT)
                .expiresIn(600))).get("/v1/users/{u}/entries", alice).then().statusCode(401);
        as(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("chat-service").groups("service")
                .audience(TokenNames.ANALYSIS).expiresIn(600))).get("/v1/users/{u}/entries", alice).then().statusCode(200);
    }
}
