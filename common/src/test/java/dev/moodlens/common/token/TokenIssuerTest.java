package dev.moodlens.common.token;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The issuer's tokens are what smallrye-jwt verifies, with the claims the services check. */
class TokenIssuerTest {

    @TempDir
    Path dir;

    private JsonWebToken verify(String token, Path publicKey, String audience) throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KeyUtils.decodePublicKey(Files.readString(publicKey)), TokenNames.CHAT);
        context.setExpectedAudience(Set.of(audience));
        return new DefaultJWTParser(context).parse(token);
    }

    private KeyPair keys() throws Exception {
        KeyPair pair = TokenKeys.generate();
        TokenKeys.write(pair, dir.resolve("private.pem"), dir.resolve("public.pem"));
        return pair;
    }

    @Test
    void aUserTokenOpensEveryServiceForItsUser() throws Exception {
        keys();
        String token = new TokenIssuer(TokenNames.CHAT, TokenKeys.readPrivateKey(dir.resolve("private.pem")))
                .user("alice", Duration.ofMinutes(10));
        for (String service : TokenNames.USER_TOKEN_AUDIENCES) {
            JsonWebToken jwt = verify(token, dir.resolve("public.pem"), service);
            assertEquals("alice", jwt.getName());
            assertEquals("alice", jwt.getSubject());
            assertEquals(Set.of(Roles.USER), jwt.getGroups());
            assertEquals(600, jwt.getExpirationTime() - jwt.getIssuedAtTime());
        }
    }

    @Test
    void aServiceTokenOpensOnlyItsAudience() throws Exception {
        KeyPair pair = keys();
        String token = new TokenIssuer(TokenNames.CHAT, pair.getPrivate())
                .service("chat-service", List.of(TokenNames.INFERENCE), Duration.ofMinutes(5));
        assertEquals(Set.of(Roles.SERVICE), verify(token, dir.resolve("public.pem"), TokenNames.INFERENCE).getGroups());
        assertThrows(ParseException.class, () -> verify(token, dir.resolve("public.pem"), TokenNames.ANALYSIS));
    }

    /** What ./moodlens token runs: a key pair made once, then a token per call on stdout. */
    @Test
    void theMainMakesKeysAndPrintsAToken() throws Exception {
        Path key = dir.resolve("chat-private.pem");
        Path publicKey = dir.resolve("chat-public.pem");
        assertEquals(0, new CommandLine(new TokenMain()).execute("--key", key.toString(), "--new-key-pair", publicKey.toString()));
        assertTrue(Files.exists(key) && Files.exists(publicKey));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            assertEquals(0, new CommandLine(new TokenMain()).execute("bench", "--service", "--minutes", "120", "--key", key.toString()));
        } finally {
            System.setOut(out);
        }
        JsonWebToken jwt = verify(printed.toString().strip(), publicKey, TokenNames.ANALYSIS);
        assertEquals("bench", jwt.getName());
        assertEquals(Set.of(Roles.SERVICE), jwt.getGroups());
        assertEquals(7200, jwt.getExpirationTime() - jwt.getIssuedAtTime());
    }
}
