package dev.moodlens.inference.testing;

import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The admin token of the tests (%test.moodlens.inference.admin-token): the only key to the model swap. */
public final class AdminToken {

    public static final String TOKEN = "test-only-admin-token";

    private AdminToken() {
    }

    /** A request with the admin token, in place of any token the test class sends by default. */
    public static RequestSpecification asAdmin() {
        return given().config(RestAssured.config().headerConfig(HeaderConfig.headerConfig()
                        .overwriteHeadersWithName("Authorization", "Content-Type", "Accept")))
                .header("Authorization", "Bearer " + TOKEN);
    }
}
