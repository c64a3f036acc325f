package dev.moodlens.common.access;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokensTest {

    /** Counts verifications; tokens named "bad..." fail, others expire at the second given after '@'. */
    static final class CountingParser extends DefaultJWTParser {
        final Map<String, Integer> calls = new HashMap<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.merge(token, 1, Integer::sum);
            if (token.startsWith("bad")) {
                throw new ParseException("bad signature");
            }
            long exp = Long.parseLong(token.substring(token.indexOf('@') + 1));
            return jwt(token, exp);
        }
    }

    static JsonWebToken jwt(String name, long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return "exp".equals(claim) ? (T) Long.valueOf(exp) : null;
            }
        };
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void aLiveTokenIsVerifiedOnce() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokens tokens = new VerifiedTokens(parser, parser::parse);
        String token = "alice@" + (now() + 300);
        JsonWebToken first = tokens.parse(token);
        assertSame(first, tokens.parse(token));
        assertSame(first, tokens.parse(token));
        assertEquals(1, parser.calls.get(token));
    }

    @Test
    void anExpiredTokenIsVerifiedAgain() throws Exception {
        CountingParser parser = new CountingParser();
        VerifiedTokens tokens = new VerifiedTokens(parser, parser::parse);
        String token = "bob@" + (now() - 1); // the real parser would refuse it; this one lets it through
        tokens.parse(token);
        tokens.parse(token);
        assertEquals(2, parser.calls.get(token));
    }

    @Test
    void failuresAreNeverRemembered() {
        CountingParser parser = new CountingParser();
        VerifiedTokens tokens = new VerifiedTokens(parser, parser::parse);
        assertThrows(ParseException.class, () -> tokens.parse("bad-token"));
        assertThrows(ParseException.class, () -> tokens.parse("bad-token"));
        assertEquals(2, parser.calls.get("bad-token"));
    }
}
