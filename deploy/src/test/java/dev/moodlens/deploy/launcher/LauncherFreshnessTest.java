package dev.moodlens.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.moodlens.deploy.ProjectPaths;

/**
 * What `up` serves is current: it rebuilds when a module's sources changed since the last build ({@code newer_source}),
 * and a tuned model replaces a bundled one only when its validation score is higher ({@code validation_score}), and
 * never a model the operator configured ({@code serving_source}). Runs
 * the launcher's own functions in bash, in a copy of the launcher placed in a scratch project tree.
 */
class LauncherFreshnessTest {

    @Test
    void upRebuildsWhenASourceOrCommittedModelFileIsNewerThanTheLastBuild(@TempDir Path root) throws Exception {
        Path source = write(root.resolve("reading/src/main/java/Rule.java"), "class Rule {}");
        Path heads = write(root.resolve("models-build/src/main/heads/emotion.head.json"), "{}");
        Path pom = write(root.resolve("reading/pom.xml"), "<project/>");
        Path docs = write(root.resolve("README.md"), "docs");
        Path built = write(root.resolve("reading/target/classes/Rule.class"), "built");
        Path hidden = write(root.resolve(".run/logs/inference.log"), "log");

        assertEquals("(no build by this launcher yet)", launcher(root, "newer_source"));

        Path stamp = write(root.resolve(".run/build.stamp"), "");
        Instant build = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(stamp, FileTime.from(build));
        for (Path p : new Path[]{source, heads, pom}) {
            Files.setLastModifiedTime(p, FileTime.from(build.minusSeconds(60)));
        }
        for (Path p : new Path[]{docs, built, hidden}) {
            Files.setLastModifiedTime(p, FileTime.from(build.plusSeconds(30)));
        }
        assertEquals("", launcher(root, "newer_source"), "docs, build output and run files do not call for a build");

        for (Path changed : new Path[]{source, heads, pom}) {
            Files.setLastModifiedTime(changed, FileTime.from(build.plusSeconds(30)));
            assertEquals("./" + root.relativize(changed), launcher(root, "newer_source"));
            Files.setLastModifiedTime(changed, FileTime.from(build.minusSeconds(60)));
        }
    }

    @Test
    void aTunedModelReplacesTheBundledOneOnlyWithAHigherValidationScore(@TempDir Path root) throws Exception {
        write(root.resolve("tuned/config.json"), "{\"moodlens\" : {\"recipe\" : {\"epochs\" : 4, \"validation_score\" : 80.63}}}");
        write(root.resolve("bundled/config.json"), "{\"moodlens\":{\"recipe\":{\"validation_score\":81.51,\"seed\":8}}}");
        write(root.resolve("hub/config.json"), "{\"id2label\":{}}");
        assertEquals("80.63", launcher(root, "validation_score tuned"));
        assertEquals("81.51", launcher(root, "validation_score bundled"));
        assertEquals("", launcher(root, "validation_score hub"), "no score recorded: nothing to compare");
        assertEquals("", launcher(root, "validation_score missing"));
        write(root.resolve("ensemble/config.json"), "{\"moodlens\":{\"ensemble\":{\"validation_score\":79.4,"
                + "\"weights\":[0.3,0.7],\"member_validation_scores\":[77.1,78.96],\"even_mean_validation_score\":79.1}}}");
        assertEquals("79.4", launcher(root, "validation_score ensemble"), "an ensemble's own score, not its members'");
    }

    @Test
    void aTunedModelReplacesOnlyTheBundledModelNeverOneTheOperatorConfigured(@TempDir Path root) throws Exception {
        String models = "{\"tier\":\"standard\",\"precision\":\"int8\",\"models\":["
                + "{\"task\":\"sentiment\",\"id\":\"org/model\",\"source\":\"hub-cache\",\"labels\":[\"negative\",\"neutral\",\"positive\"]},"
                + "{\"task\":\"emotion\",\"id\":\"moodlens-emotion\",\"source\":\"bundled\",\"labels\":[\"sadness\",\"joy\"]}]}";
        write(root.resolve("models.json"), models);
        assertEquals("hub-cache", launcher(root, "serving_source sentiment < models.json"));
        assertEquals("bundled", launcher(root, "serving_source emotion < models.json"));
        assertEquals("", launcher(root, "serving_source emotion < /dev/null"), "no answer: nothing known");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Runs {@code command} in bash after the launcher's definitions, from a copy of the launcher at {@code root}. */
    private static String launcher(Path root, String command) throws IOException, InterruptedException {
        String script = Files.readString(ProjectPaths.root().resolve("moodlens"), StandardCharsets.UTF_8);
        int dispatch = script.indexOf("\ncase \"${1:-help}\" in");
        assertTrue(dispatch > 0, "the launcher ends with its command dispatch");
        Path definitions = root.resolve("moodlens");
        Files.writeString(definitions, script.substring(0, dispatch + 1), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("bash", "--noprofile", "--norc", "-c",
                "source ./moodlens && cd \"$ROOT\" && " + command)
                .directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, process.exitValue(), out);
        return out.strip();
    }
}
