package dev.moodlens.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.access.Roles;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.smallrye.jwt.build.Jwt;

import java.util.Map;

/**
 * Tokens for the services' tests, signed with the test-only key each service keeps in src/test/resources
 * (its %test profile's signing key). Shared through common's test-jar.
 */
public final class TestTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTokens() {
    }

    public static String user(String user) {
        return Jwt.upn(user).groups(Roles.USER).expiresIn(600).sign();
    }

    public static String service() {
        return Jwt.upn("test-service").groups(Roles.SERVICE).expiresIn(600).sign();
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
