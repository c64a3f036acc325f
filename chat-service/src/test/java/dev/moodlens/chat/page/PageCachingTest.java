package dev.moodlens.chat.page;

import dev.moodlens.chat.StandInServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * After an upgrade the browser must load the new pages and scripts at once: every page file revalidates
 * (no-cache, answered 304 while unchanged) instead of being kept a day as immutable.
 */
@QuarkusTest
@WithTestResource(StandInServers.class)
class PageCachingTest {

    /** Everything the three pages load from this service, including Chart.js at its version-less WebJar path. */
    private static final List<String> PAGE_FILES = List.of("/", "/index.html", "/journal.html", "/insights.html",
            "/app.css", "/session.js", "/app.js", "/journal.js", "/insights.js",
            "/webjars/chart.js/dist/chart.umd.min.js");

    @Test
    void finding14PagesScriptsAndStyleRevalidateInsteadOfStayingImmutableForADay() {
        for (String path : PAGE_FILES) {
            Response page = given().redirects().follow(false).get(path);
            page.then().statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("Cache-Control", not(containsString("immutable")));
            String lastModified = page.header("Last-Modified");
            assertNotNull(lastModified, path + ": no Last-Modified to revalidate against");
            // Revalidation stays cheap: an unchanged file is a 304 without a body.
            given().redirects().follow(false).header("If-Modified-Since", lastModified).get(path)
                    .then().statusCode(304);
        }
    }
}
