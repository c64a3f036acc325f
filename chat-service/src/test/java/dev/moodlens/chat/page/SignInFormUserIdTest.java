package dev.moodlens.chat.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moodlens.common.access.UserIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sign-in form checks the user name in the browser with a copy of the suite's user-id rule (an HTML
 * pattern cannot call Java); the rule itself is common's {@link UserIds}, which the service applies anyway.
 * This keeps the copy equal to it, so the form never refuses a name the service takes, nor the reverse.
 */
class SignInFormUserIdTest {

    private static final Pattern USER_INPUT = Pattern.compile("<input id=\"auth-user\"[^>]*>");

    @Test
    void theSignInFormsPatternIsTheUserIdRule() throws IOException {
        String page;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/index.html")) {
            assertNotNull(in, "index.html on the class path");
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher input = USER_INPUT.matcher(page);
        assertTrue(input.find(), "the sign-in form has the input auth-user");
        // Browsers compile pattern with the v flag, where a literal '-' in a class is written "\-".
        assertEquals(UserIds.PATTERN, attribute(input.group(), "pattern").replace("\\-", "-"));
        assertEquals(String.valueOf(UserIds.MAX_LENGTH), attribute(input.group(), "maxlength"));
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        assertTrue(value.find(), tag + " has " + name);
        return value.group(1);
    }
}
