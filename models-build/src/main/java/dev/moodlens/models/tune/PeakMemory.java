package dev.moodlens.models.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of this process (VmHWM of /proc/self/status: heap, libtorch and ONNX Runtime together), since the last {@link #reset}. */
final class PeakMemory {

    private PeakMemory() {
    }

    /**
     * Starts a new peak from the current RSS (Linux: "5" to /proc/self/clear_refs), so that each model of a run
     * reports its own peak rather than the largest one before it; no-op where that is not possible.
     */
    static void reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc (or not writable): the peak stays the process's
        }
    }

    /** MiB, or -1 where /proc is not there. */
    static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
