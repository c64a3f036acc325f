package dev.moodlens.analysis.support;

import dev.moodlens.common.access.Roles;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the test-only key of src/test/resources (the %test profile's signing key). */
public final class TestTokens {

    private TestTokens() {
    }

    public static String service() {
        return Jwt.upn("test-service").groups(Roles.SERVICE).expiresIn(600).sign();
    }

    public static String user(String user) {
        return Jwt.upn(user).groups(Roles.USER).expiresIn(600).sign();
    }

    /** Every RestAssured call of the test class carries a service token, as the other services' calls do. */
    public static void callAsService() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + service()).build();
    }
}
