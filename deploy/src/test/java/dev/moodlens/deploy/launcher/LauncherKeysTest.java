package dev.moodlens.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moodlens.deploy.ProjectPaths;

/**
 * The launcher's token keys (README "Users and access"): one pair per signing service, each service started
 * with its own private key only, and `./moodlens token` signing as the chat service, with audiences. Runs the
 * real `token` command (it needs no service) and the real env lines of cmd_up.
 */
class LauncherKeysTest {

    @TempDir
    Path home;

    /**
     * Review finding 6: `up` gave chat and analysis the one private key of the suite, so analysis could mint
     * user tokens; tokens named no audience.
     */
    @Test
    void finding6EachServiceGetsOnlyItsOwnPrivateKeyAndTokensNameTheirAudience() throws Exception {
        String user = run("token", "demo");
        assertTrue(verifies(user, home.resolve("chat-jwt-public.pem")), "signed with chat's key");
        assertFalse(verifies(user, home.resolve("analysis-jwt-public.pem")), "not with analysis' key");
        String claims = claims(user);
        assertTrue(claims.contains("\"iss\":\"moodlens-chat\""), claims);
        assertTrue(claims.contains("\"aud\":[\"moodlens-chat\",\"moodlens-analysis\",\"moodlens-inference\"]"), claims);
        assertTrue(claims.contains("\"groups\":[\"user\"]"), claims);
        String service = claims(run("token", "--service"));
        assertTrue(service.contains("\"aud\":[\"moodlens-analysis\",\"moodlens-inference\"]"), service);

        assertEquals(Set.of("MOODLENS_JWT_CHAT_PUBLIC_KEY=" + home.resolve("chat-jwt-public.pem"),
                        "MOODLENS_JWT_PRIVATE_KEY=" + home.resolve("chat-jwt-private.pem")), keyEnv("chat"));
        assertEquals(Set.of("MOODLENS_JWT_CHAT_PUBLIC_KEY=" + home.resolve("chat-jwt-public.pem"),
                        "MOODLENS_JWT_PRIVATE_KEY=" + home.resolve("analysis-jwt-private.pem")), keyEnv("analysis"));
        assertEquals(Set.of("MOODLENS_JWT_CHAT_PUBLIC_KEY=" + home.resolve("chat-jwt-public.pem"),
                        "MOODLENS_JWT_ANALYSIS_PUBLIC_KEY=" + home.resolve("analysis-jwt-public.pem")), keyEnv("inference"));
    }

    /** The key settings cmd_up hands service {@code s}: its env lines about keys, run in bash. */
    private Set<String> keyEnv(String s) throws Exception {
        String script = Files.readString(launcher(), StandardCharsets.UTF_8);
        String helpers = script.lines().filter(l -> l.startsWith("private_key()") || l.startsWith("public_key()"))
                .collect(Collectors.joining("\n"));
        String up = script.substring(script.indexOf("\ncmd_up() {"), script.indexOf("\n}", script.indexOf("\ncmd_up() {")));
        List<String> lines = up.lines().filter(l -> l.contains("env+=(") && l.contains("MOODLENS_JWT_")).toList();
        assertFalse(lines.isEmpty(), "cmd_up hands the services their keys");
        String out = bash("MOODLENS_HOME='" + home + "'\n" + helpers + "\ns=" + s + "; env=()\n"
                + String.join("\n", lines) + "\nprintf '%s\\n' \"${env[@]}\"");
        return out.lines().filter(l -> !l.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    private String run(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher().toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("MOODLENS_HOME", home.toString());
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "--noprofile", "--norc", "-c", script).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static boolean verifies(String token, Path publicPem) throws Exception {
        String pem = Files.readString(publicPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        int dot = token.lastIndexOf('.');
        rs256.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
    }

    private static Path launcher() {
        return ProjectPaths.root().resolve("moodlens");
    }
}
