package dev.moodlens.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.token.TokenIssuer;
import dev.moodlens.common.token.TokenKeys;
import dev.moodlens.common.token.TokenNames;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.ResourceUtils;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens for the services' tests, signed with the test-only keys under test-only-keys/ (this test-jar; the
 * services' %test profiles trust and sign with the same files): the one place where tests sign tokens.
 * User tokens as the chat service issues them and service tokens signed with the chat service's key, both by
 * common's {@link TokenIssuer}. Shared through common's test-jar.
 */
public final class TestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, PrivateKey> KEYS = new ConcurrentHashMap<>();
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private TestTokens() {
    }

    public static String user(String user) {
        return new TokenIssuer(TokenNames.CHAT, key(TokenNames.CHAT)).user(user, LIFETIME);
    }

    /**
     * A chat-signed service token naming every service, so that each service's tests can call as a service;
     * the real ones name one service each (tests of that are explicit about their audience).
     */
    public static String service() {
        return new TokenIssuer(TokenNames.CHAT, key(TokenNames.CHAT)).service("test-service",
                Set.of(TokenNames.CHAT, TokenNames.ANALYSIS, TokenNames.INFERENCE), LIFETIME);
    }

    /**
     * {@code claims} with {@code issuer} as iss, signed with that issuer's test-only key (a {@link TokenNames}
     * service that signs: chat or analysis): the claims of the tests that check what a service refuses (tokens not
     * as a {@link TokenIssuer} makes them). The claims name their audience; without one every service refuses.
     */
    public static String signedBy(String issuer, JwtClaimsBuilder claims) {
        return claims.issuer(issuer).sign(key(issuer));
    }

    /** The test-only private key of {@code issuer}. */
    public static PrivateKey key(String issuer) {
        return KEYS.computeIfAbsent(issuer, TestTokens::privateKey);
    }

    private static PrivateKey privateKey(String issuer) {
        String location = "test-only-keys/" + issuer + "-private.pem";
        try {
            return TokenKeys.privateKey(ResourceUtils.readResource(location));
        } catch (Exception e) {
            throw new IllegalStateException("no test-only key at " + location, e);
        }
    }

    /** Every RestAssured call of the test class carries a service token, as the other services' calls do. */
    public static void callAsService() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + service()).build();
    }

    /**
     * RestAssured calls that name their user (the "user" query parameter or body field, as the API took it
     * before accounts) carry that user's token, as the page's calls do after login. Calls that name no one
     * and set no Authorization header go without a token.
     */
    public static void signInAsNamedUser() {
        Filter signIn = (request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                String user = request.getQueryParams().get("user");
                if (user == null) {
                    user = userOfBody(request.getBody());
                }
                if (user != null && !user.isBlank()) {
                    request.header("Authorization", "Bearer " + user(user.strip()));
                }
            }
            return context.next(request, response);
        };
        RestAssured.replaceFiltersWith(signIn);
    }

    private static String userOfBody(Object body) {
        if (body instanceof Map<?, ?> map) {
            return map.get("user") instanceof String user ? user : null;
        }
        if (body instanceof String || body instanceof byte[]) {
            try {
                JsonNode json = body instanceof String text ? JSON.readTree(text) : JSON.readTree((byte[]) body);
                return json != null && json.path("user").isTextual() ? json.path("user").asText() : null;
            } catch (Exception e) {
                return null; // not JSON: no user named
            }
        }
        return null;
    }
}
