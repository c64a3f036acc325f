package dev.moodlens.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.moodlens.deploy.ProjectPaths;

/**
 * `./moodlens up` starts the three jars itself; Quarkus' own default (0.0.0.0) would put metrics, OpenAPI and
 * the service APIs on the LAN. The launcher must hand every service QUARKUS_HTTP_HOST, loopback unless
 * MOODLENS_BIND says otherwise. Read from the script (starting it needs PostgreSQL, Maven and three JVMs).
 */
class LauncherBindTest {

    private static final Pattern BIND_ASSIGNMENT = Pattern.compile("(?m)^BIND=(.+)$");
    private static final Pattern JAVA_START = Pattern.compile("env \"\\$\\{env\\[@\\]\\}\" java ");

    @Test
    void finding7LauncherBindsTheServicesToLoopbackUnlessConfigured() throws Exception {
        String script = Files.readString(launcher(), StandardCharsets.UTF_8);
        Matcher assignment = BIND_ASSIGNMENT.matcher(script);
        assertTrue(assignment.find(), "the launcher sets BIND at the top level");
        assertEquals("127.0.0.1", evaluate(assignment.group(0), Map.of()), "default: loopback only");
        assertEquals("0.0.0.0", evaluate(assignment.group(0), Map.of("MOODLENS_BIND", "0.0.0.0")),
                "MOODLENS_BIND opens the services on purpose");

        // The service start in cmd_up: QUARKUS_HTTP_HOST goes into the env the JVMs are started with.
        String up = function(script, "cmd_up");
        Matcher start = JAVA_START.matcher(up);
        assertTrue(start.find(), "cmd_up starts the services with env \"${env[@]}\" java ...");
        String beforeStart = up.substring(0, start.start());
        int loop = beforeStart.lastIndexOf("for s in \"${SERVICES[@]}\"; do");
        assertTrue(loop >= 0, "the services are started in one loop");
        List<String> envLines = beforeStart.substring(loop).lines()
                .filter(l -> l.strip().startsWith("env+=(")).toList();
        assertTrue(envLines.stream().anyMatch(l -> !l.contains("[[") && l.contains("\"QUARKUS_HTTP_HOST=$BIND\"")),
                "every service gets QUARKUS_HTTP_HOST=$BIND, unconditionally: " + envLines);
        // up --native starts the native executables with the same environment.
        assertTrue(up.contains("env \"${env[@]}\" \"$(native_exe \"$s\")\""),
                "cmd_up starts the native executables with env \"${env[@]}\" too");
    }

    private static Path launcher() {
        return ProjectPaths.root().resolve("moodlens");
    }

    /** The body of a shell function `name() {` up to its closing brace at the start of a line. */
    private static String function(String script, String name) {
        int start = script.indexOf("\n" + name + "() {");
        assertTrue(start >= 0, "no function " + name + " in the launcher");
        int end = script.indexOf("\n}", start + 1);
        return script.substring(start, end);
    }

    /** Runs the assignment in a clean bash and prints BIND, so the test reads the real default expansion. */
    private static String evaluate(String assignment, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-c",
                "set -u; " + assignment + "; printf %s \"$BIND\"").redirectErrorStream(true);
        builder.environment().remove("MOODLENS_BIND");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
