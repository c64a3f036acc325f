package dev.moodlens.common.access;

import dev.moodlens.common.testing.TestTokens;
import dev.moodlens.common.token.Roles;
import dev.moodlens.common.token.TokenNames;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The verifier every service runs, as inference runs it: trusting chat and analysis, audience inference. */
class TrustedIssuersTest {

    private static TrustedIssuers inference() {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setExpectedAudience(Set.of(TokenNames.INFERENCE));
        return TrustedIssuers.load(new DefaultJWTParser(context), Map.of(
                TokenNames.CHAT, "test-only-keys/moodlens-chat-public.pem",
                TokenNames.ANALYSIS, "test-only-keys/moodlens-analysis-public.pem",
                "moodlens-elsewhere", "test-only-keys/no-such-key.pem"));
    }

    @Test
    void eachIssuersTokensVerifyWithItsOwnKey() throws Exception {
        TrustedIssuers issuers = inference();
        assertEquals("alice", issuers.verify(TestTokens.user("alice")).getName());
        assertEquals("analysis-service", issuers.verify(TestTokens.signedBy(TokenNames.ANALYSIS,
                Jwt.upn("analysis-service").groups(Roles.SERVICE).audience(TokenNames.INFERENCE))).getName());
    }

    /** Review finding 6: any holder of the one key could mint any token, for any service. */
    @Test
    void finding6AServiceKeyMintsNoUserTokenAndATokenForAnotherServiceOrAnUnknownIssuerIsRefused() {
        TrustedIssuers issuers = inference();
        assertThrows(ParseException.class, () -> issuers.verify(TestTokens.signedBy(TokenNames.ANALYSIS,
                Jwt.upn("alice").groups(Roles.USER).audience(TokenNames.INFERENCE))));
        assertThrows(ParseException.class, () -> issuers.verify(TestTokens.signedBy(TokenNames.CHAT,
                Jwt.upn("chat-service").groups(Roles.SERVICE).audience(TokenNames.ANALYSIS))));
        // an issuer whose key could not be read is no issuer
        assertThrows(ParseException.class, () -> issuers.verify(Jwt.issuer("moodlens-elsewhere").audience(TokenNames.INFERENCE)
                .upn("x").groups(Roles.SERVICE).sign(analysisKey())));
        // signed with analysis' key while naming chat: verified with chat's key, so refused
        assertThrows(ParseException.class, () -> issuers.verify(Jwt.issuer(TokenNames.CHAT).audience(TokenNames.INFERENCE)
                .upn("alice").groups(Roles.USER).sign(analysisKey())));
        assertThrows(ParseException.class, () -> issuers.verify("not-a-token"));
    }

    private static java.security.PrivateKey analysisKey() throws Exception {
        return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(io.smallrye.jwt.util.ResourceUtils
                .readResource("test-only-keys/moodlens-analysis-private.pem"));
    }
}
