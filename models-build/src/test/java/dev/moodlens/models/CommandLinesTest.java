package dev.moodlens.models;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every main of this module parses its options with picocli: --help answers, a misspelt option stops with exit code 2 and says why. */
class CommandLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {"eval.EvaluationCommand", "eval.ReadingRuleStudy", "assemble.AssembleModels",
            "tune.TrainTunedModels"})
    void helpAnswersAndAMisspeltOptionStops(String main) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine help = commandLine(main);
        help.setOut(new PrintWriter(out));
        assertEquals(0, help.execute("--help"));
        assertTrue(out.toString().startsWith("Usage: " + main.substring(main.indexOf('.') + 1)), out.toString());

        StringWriter err = new StringWriter();
        CommandLine wrong = commandLine(main);
        wrong.setErr(new PrintWriter(err));
        assertEquals(2, wrong.execute("--datasetz", "x"));
        assertTrue(err.toString().contains("--datasetz") || err.toString().contains("Missing required"), err.toString());
    }

    private static CommandLine commandLine(String main) throws Exception {
        Constructor<?> options = Class.forName("dev.moodlens.models." + main + "$Options").getDeclaredConstructor();
        options.setAccessible(true);
        return new CommandLine(options.newInstance());
    }
}
