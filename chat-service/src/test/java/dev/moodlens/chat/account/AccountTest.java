package dev.moodlens.chat.account;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.token.TokenNames;
import dev.moodlens.common.cache.CacheKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import dev.moodlens.common.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounts: register, log in, the same 401 for any failure, hashed passwords, tokens that work and are checked. */
@QuarkusTest
@WithTestResource(StandInServers.class)
class AccountTest {

    private static final String PASSWORD = "correct horse battery";

    @BeforeEach
    void noFilters() {
        RestAssured.replaceFiltersWith(new java.util.ArrayList<>());
        StandInServers.reset();
    }

    private static String name() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response auth(String kind, String user, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("user", user, "password", password))
                .post("/v1/auth/" + kind);
    }

    @Test
    void registerThenLoginGiveTokensThatOpenTheUsersOwnData() {
        String user = name();
        String registered = auth("register", user, PASSWORD).then().statusCode(201)
                .body("user", equalTo(user)).body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0)).extract().path("token");
        String claims = new String(Base64.getUrlDecoder().decode(registered.split("\\.")[1]));
        assertTrue(claims.contains("\"upn\":\"" + user + "\"") && claims.contains("\"user\""), claims);

        String token = auth("login", user, PASSWORD).then().statusCode(200).extract().path("token");
        String conversation = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("message", "A calm evening")).post("/v1/chat")
                .then().statusCode(200).extract().path("conversationId");
        given().auth().oauth2(token).get("/v1/conversations").then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(token).get("/v1/conversations/" + conversation).then().statusCode(200);

        // The chat service called analysis and inference with its service token, never the user's.
        assertFalse(StandInServers.serviceAuthorizations.isEmpty());
        for (String authorization : StandInServers.serviceAuthorizations) {
            assertTrue(authorization.startsWith("Bearer "), authorization);
            String sent = new String(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]));
            assertTrue(sent.contains("\"service\"") && sent.contains("chat-service"), sent);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String user = name();
        auth("register", user, PASSWORD).then().statusCode(201);
        String wrong = auth("login", user, "not the password").then().statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        String unknown = auth("login", name(), PASSWORD).then().statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        assertEquals(wrong, unknown);
        given().contentType(ContentType.JSON).body("{}").post("/v1/auth/login").then().statusCode(401);
    }

    @Inject
    RedisDataSource redis;

    /**
     * Review finding 17: the chat's journal-context cache is keyed by user name only, so what a former holder of a
     * name left there (its account gone with a chat database reset) must not reach the name's new account.
     */
    @Test
    void finding17ANewAccountStartsWithoutACachedJournalContext() {
        String user = name();
        String key = new CacheKeys(ConfigProvider.getConfig().getValue("moodlens.cache.key-secret", String.class))
                .of("chat-context", user);
        redis.value(String.class).set(key, "{\"entries\":3,\"trend\":\"declining\"}");
        auth("register", user, PASSWORD).then().statusCode(201);
        assertNull(redis.value(String.class).get(key), "the former holder's cached context is gone");
    }

    /** Review finding 4: a journal kept for a name without an account was taken over by whoever registered the name. */
    @Test
    void finding4ANameWhoseJournalExistsCannotBeRegistered() {
        String user = name();
        dev.moodlens.chat.StandInJournal.seed(user);
        auth("register", user, PASSWORD).then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(user)));
        auth("login", user, PASSWORD).then().statusCode(401);
        // Without an answer from the analysis service nobody gets a name: 503, not a guess.
        StandInServers.analysisDown = true;
        auth("register", name(), PASSWORD).then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    /** Review finding 9: a NUL in the login name reached the query and answered 500. */
    @Test
    void finding9ANulInTheLoginNameIs400() {
        auth("login", "a\u0000b", PASSWORD).then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("user must be"));
    }

    /** Review finding 11: "." and ".." were accepted as user ids (servers normalise them as path segments). */
    @Test
    void finding11DotAndDotDotAreNoUserIds() {
        auth("register", ".", PASSWORD).then().statusCode(400).contentType("application/problem+json");
        auth("register", "..", PASSWORD).then().statusCode(400).contentType("application/problem+json");
        auth("register", "d." + java.util.UUID.randomUUID().toString().substring(0, 8), PASSWORD).then().statusCode(201);
    }

    @Test
    void passwordGuessingIsThrottledPerUserName() {
        String user = name();
        auth("register", user, PASSWORD).then().statusCode(201);
        for (int i = 0; i < 10; i++) {
            auth("login", user, "guess number " + i).then().statusCode(401);
        }
        auth("login", user, PASSWORD).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        // Other user names have their own budget.
        auth("login", name(), PASSWORD).then().statusCode(401);
    }

    @Test
    void finding10RegistrationRefusesTakenNamesWithoutSayingWhoExistsAndBadPasswords() {
        String user = name();
        auth("register", user, PASSWORD).then().statusCode(201);
        auth("register", user, "another password").then().statusCode(409).contentType("application/problem+json")
                // finding 10: the refusal names no one and says nothing about an existing account
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(user)))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("exist")));
        auth("register", name(), "short").then().statusCode(400).contentType("application/problem+json");
        auth("register", name(), "x".repeat(73)).then().statusCode(400);
        auth("register", "no spaces allowed", PASSWORD).then().statusCode(400);
        // The login of the first registration still works with its own password.
        auth("login", user, PASSWORD).then().statusCode(200);
    }

    @Test
    void thePasswordIsStoredAsABcryptHashOnly() {
        String user = name();
        auth("register", user, PASSWORD).then().statusCode(201);
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(user).passwordHash);
        assertTrue(hash.startsWith("$2"), hash);
        assertFalse(hash.contains(PASSWORD));
        assertTrue(BcryptUtil.matches(PASSWORD, hash));
    }

    @Test
    void chatEndpointsNeedAUserToken() throws Exception {
        given().get("/v1/conversations").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("message", "hi")).post("/v1/chat/stream")
                .then().statusCode(401);
        given().auth().oauth2("garbage").get("/v1/journal/context").then().statusCode(401);
        var otherKey = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        given().auth().oauth2(Jwt.issuer(TokenNames.CHAT).audience(TokenNames.CHAT).upn("eve").groups("user")
                .sign(otherKey)).get("/v1/conversations").then().statusCode(401);
        // A service token is for service-to-service calls, not for the chat API.
        given().auth().oauth2(TestTokens.service()).get("/v1/conversations").then().statusCode(403);
        // Naming another user than the token's is the same 404 as for data that does not exist.
        given().auth().oauth2(TestTokens.user(name())).queryParam("user", "somebody-else").get("/v1/conversations")
                .then().statusCode(404);
    }

    /**
     * Review finding 6: one key signed every token, so the analysis service (which parses untrusted imports)
     * could mint user tokens, and no token said which service it was for. Now user tokens come from this
     * service's key only, name the services a person may call, and the service tokens it sends name one service.
     */
    @Test
    void finding6UserTokensAreChatsOwnAndTokensOfAnotherIssuerOrAudienceAre401() {
        String user = name();
        String token = auth("register", user, PASSWORD).then().statusCode(201).extract().path("token");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertTrue(claims.contains("\"iss\":\"" + TokenNames.CHAT + "\""), claims);
        for (String audience : TokenNames.USER_TOKEN_AUDIENCES) {
            assertTrue(claims.contains("\"" + audience + "\""), claims);
        }
        given().auth().oauth2(token).get("/v1/conversations").then().statusCode(200);

        // The analysis key claiming a user token, and a user token meant for the analysis service only.
        given().auth().oauth2(TestTokens.signedBy(TokenNames.ANALYSIS, Jwt.upn(user).groups("user")
                .audience(TokenNames.USER_TOKEN_AUDIENCES).expiresIn(600))).get("/v1/conversations")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.signedBy(TokenNames.CHAT, Jwt.upn(user).groups("user")
                .audience(TokenNames.ANALYSIS).expiresIn(600))).get("/v1/conversations").then().statusCode(401);

        // Its own calls: signed as chat, each for the one service it calls.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("message", "A calm evening"))
                .post("/v1/chat").then().statusCode(200);
        assertFalse(StandInServers.serviceAuthorizations.isEmpty());
        for (String authorization : StandInServers.serviceAuthorizations) {
            String sent = new String(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]));
            assertTrue(sent.contains("\"iss\":\"" + TokenNames.CHAT + "\""), sent);
            assertTrue(sent.contains(TokenNames.INFERENCE) != sent.contains(TokenNames.ANALYSIS), "one audience: " + sent);
        }
    }
}
