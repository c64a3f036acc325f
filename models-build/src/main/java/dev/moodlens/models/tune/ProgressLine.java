package dev.moodlens.models.tune;

import java.io.PrintStream;

/**
 * A one-line progress bar: redrawn in place on a terminal, one line per tenth in a log file.
 */
final class ProgressLine {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private int done;
    private int lastTenth;

    ProgressLine(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void advance(String status) {
        done++;
        int tenth = done * 10 / total;
        if (terminal) {
            out.print("\r" + line(status));
            out.flush();
        } else if (tenth > lastTenth) {
            lastTenth = tenth;
            out.println(line(status));
        }
    }

    void done(String summary) {
        if (terminal) {
            out.println();
        }
        out.println(label + ": " + summary);
    }

    private String line(String status) {
        int filled = done * WIDTH / total;
        double seconds = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : seconds / done * (total - done);
        return String.format("%s [%s%s] %d/%d %s, %.0f s, eta %.0f s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), done, total, status, seconds, eta);
    }
}
