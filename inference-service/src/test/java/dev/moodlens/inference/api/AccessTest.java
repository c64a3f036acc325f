package dev.moodlens.inference.api;

import dev.moodlens.common.token.TokenNames;
import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.inference.testing.TinyModelsProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Who may classify or list the models: any valid suite token; nobody without one; a user token within its
 * per-minute budget.
 */
@QuarkusTest
@TestProfile(TinyModelsProfile.class)
class AccessTest {

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    private static io.restassured.response.Response classify(String token) {
        var request = given().contentType(ContentType.JSON).body(Map.of("text", "a good day"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/v1/classify");
    }

    @Test
    void withoutATokenIs401ProblemJson() {
        classify(null).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
    }

    @Test
    void aForgedOrExpiredTokenIs401() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        classify(Jwt.issuer(TokenNames.CHAT).audience(TokenNames.INFERENCE).upn("mallory").groups("service")
                .sign(otherKey)).then().statusCode(401).contentType("application/problem+json");
        classify(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("late").groups("service").audience(TokenNames.INFERENCE)
                .issuedAt(1_000).expiresAt(2_000))).then().statusCode(401);
        classify("not-a-jwt").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void serviceAndUserTokensMayClassify() {
        classify(TestTokens.service()).then().statusCode(200);
        classify(TestTokens.user("u-" + UUID.randomUUID())).then().statusCode(200);
    }

    @Test
    void aUserOverTheBudgetGets429WithRetryAfterAndServicesAreNotLimited() {
        String token = TestTokens.user("busy-" + UUID.randomUUID());
        for (int i = 0; i < TinyModelsProfile.USER_REQUESTS_PER_MINUTE; i++) {
            classify(token).then().statusCode(200);
        }
        classify(token).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // Another user has their own budget; the services' calls are never limited.
        classify(TestTokens.user("calm-" + UUID.randomUUID())).then().statusCode(200);
        String service = TestTokens.service();
        for (int i = 0; i < TinyModelsProfile.USER_REQUESTS_PER_MINUTE + 2; i++) {
            classify(service).then().statusCode(200);
        }
    }

    @Test
    void healthStaysOpenAndModelsNeedAToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/v1/models").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void adminSwapNeedsTheAdminToken() {
        for (String token : new String[]{TestTokens.user("someone"), TestTokens.service()}) {
            given().contentType(ContentType.JSON).body(Map.of("model", "hf://acme/tiny-sentiment@main"))
                    .header("Authorization", "Bearer " + token)
                    .post("/v1/admin/models/sentiment").then().statusCode(401).contentType("application/problem+json");
        }
    }

    /**
     * Review finding 6: every service took every suite token, whoever signed it and whomever it was meant for.
     * Now a token opens only the service it names (aud), and only chat's key may grant the user group.
     */
    @Test
    void finding6ATokenMeantForAnotherServiceOrNoneIs401() {
        classify(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("chat-service").groups("service")
                .audience(TokenNames.ANALYSIS).expiresIn(600))).then().statusCode(401).contentType("application/problem+json");
        classify(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("chat-service").groups("service").expiresIn(600)))
                .then().statusCode(401);
        classify(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn("chat-service").groups("service")
                .audience(TokenNames.INFERENCE).expiresIn(600))).then().statusCode(200);
    }

    @Test
    void finding6TheAnalysisKeySignsServiceTokensForInferenceButNoUserToken() {
        classify(TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn("analysis-service").groups("service")
                .audience(TokenNames.INFERENCE).expiresIn(600))).then().statusCode(200);
        classify(TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn("alice").groups("user")
                .audience(TokenNames.INFERENCE).expiresIn(600))).then().statusCode(401).contentType("application/problem+json");
        // Nor may it pass for another issuer: the key is chosen by the iss it claims, and it is not chat's.
        String analysisSigned = TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn("alice").groups("user")
                .audience(TokenNames.INFERENCE).expiresIn(600));
        String[] parts = analysisSigned.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(TokenNames.ANALYSIS, TokenNames.CHAT);
        String relabelled = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        classify(relabelled).then().statusCode(401);
    }
}
