package dev.moodlens.bench;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How the bench commands read their options: picocli on a class of {@code @Option} fields (typed, with their
 * defaults, --help, and a wrong or unknown option refused with the usage instead of silently ignored). An option
 * given twice takes its last value: the launcher passes defaults (--url) that a user's own option overrides.
 */
public final class CommandOptions {

    /** A bench command, run with its parsed options. */
    @FunctionalInterface
    public interface Run<T> {
        void run(T options) throws Exception;
    }

    private CommandOptions() {
    }

    /** {@code options} filled from {@code args}; null when the run ends here (--help, --version). */
    public static <T> T parse(T options, String... args) {
        CommandLine line = new CommandLine(options).setOverwrittenOptionsAllowed(true);
        try {
            ParseResult result = line.parseArgs(args);
            return CommandLine.printHelpIfRequested(result) ? null : options;
        } catch (ParameterException e) {
            line.getErr().println(e.getMessage());
            line.usage(line.getErr());
            throw e;
        }
    }

    /**
     * A command's main: parses {@code args} into {@code options}, runs {@code command} and exits, 2 after a usage
     * error, else 0 (the HTTP clients' threads would keep the JVM alive).
     */
    public static <T> void main(T options, String[] args, Run<T> command) throws Exception {
        T parsed;
        try {
            parsed = parse(options, args);
        } catch (ParameterException e) {
            System.exit(2);
            return;
        }
        if (parsed != null) {
            command.run(parsed);
        }
        System.exit(0);
    }
}
