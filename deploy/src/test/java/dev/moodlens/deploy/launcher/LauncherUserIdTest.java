package dev.moodlens.deploy.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.moodlens.common.access.UserIds;
import dev.moodlens.deploy.ProjectPaths;

/**
 * The user-id rule has one definition, common's {@link UserIds}; the launcher (bash) cannot call it and keeps
 * a copy in {@code valid_user_id}. This runs that real function on edge cases and random strings and expects
 * exactly UserIds' answers, so the copy cannot drift from the rule.
 */
class LauncherUserIdTest {

    @Test
    void theLaunchersUserIdRuleIsCommonsUserIds() throws Exception {
        List<String> candidates = new ArrayList<>(List.of("demo", "a", "A-Z_0.9", "a".repeat(64), "a".repeat(65),
                "...", ".a", "a..", "-", "_", ".", "..", "", " ", "a b", " demo", "demo ", "a/b", "a\\b", "a:b",
                "a\nb", "demo\n", "\ndemo", "a\tb", "é", "Ä", "ß", "ı", "ａ", "a$", "*", "[a]", "a\u00a0", "日本"));
        Random random = new Random(20261205);
        String alphabet = "aZ09._-/ \t\n.:$*éÄ";
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(5) == 0 ? 60 + random.nextInt(8) : random.nextInt(4);
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'x');
            }
            candidates.add(s.toString());
        }
        // The launcher runs in the user's locale: check the C locale and a UTF-8 one (bash's ranges follow the
        // locale), both must give UserIds' answers.
        for (String locale : List.of("C", "C.UTF-8")) {
            List<String> answers = launcherAnswers(candidates, locale);
            for (int i = 0; i < candidates.size(); i++) {
                String candidate = candidates.get(i);
                assertEquals(UserIds.isValid(candidate) ? "valid" : "invalid", answers.get(i),
                        "launcher and UserIds disagree on '" + candidate.replace("\n", "\\n") + "' in " + locale);
            }
        }
    }

    /** The launcher's valid_user_id, run in bash on each candidate: "valid" or "invalid", in order. */
    private static List<String> launcherAnswers(List<String> candidates, String locale)
            throws IOException, InterruptedException {
        String script = Files.readString(ProjectPaths.root().resolve("moodlens"), StandardCharsets.UTF_8);
        int start = script.indexOf("\nvalid_user_id() {");
        assertTrue(start >= 0, "the launcher has a function valid_user_id");
        String function = script.substring(start, script.indexOf("\n}", start + 1) + 2);
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-c",
                function + "\nfor u in \"$@\"; do if valid_user_id \"$u\"; then echo valid; else echo invalid; fi; done",
                "bash");
        builder.command().addAll(candidates);
        builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        builder.environment().putAll(Map.of("LC_ALL", locale));
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, process.exitValue(), out);
        List<String> answers = out.lines().toList();
        assertEquals(candidates.size(), answers.size(), out);
        return answers;
    }
}
