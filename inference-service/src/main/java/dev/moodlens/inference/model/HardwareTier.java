package dev.moodlens.inference.model;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How much machine the service has: picks the model per task (configured per tier, or swapped in by the
 * launcher from the tier's fine-tuned models) and its precision: int8 (static activation scales, batched)
 * on low and standard, fp32 (the reference) on high.
 */
public enum HardwareTier {
    LOW, STANDARD, HIGH;

    /** The precision {@code precision=auto} runs at on this tier. */
    public dev.moodlens.models.runtime.Precision defaultPrecision() {
        return this == HIGH ? dev.moodlens.models.runtime.Precision.FP32 : dev.moodlens.models.runtime.Precision.INT8;
    }

    static final long GIB = 1024L * 1024 * 1024;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto} measures; otherwise the named tier is forced. */
    public static HardwareTier choose(String configured) {
        if (configured == null || configured.isBlank() || configured.equalsIgnoreCase("auto")) {
            return detect(totalMemory(), Runtime.getRuntime().availableProcessors());
        }
        return valueOf(configured.trim().toUpperCase(Locale.ROOT));
    }

    /** Low below 4 GiB or 2 cores; high from 16 GiB and 8 cores; standard between. */
    static HardwareTier detect(long memoryBytes, int cores) {
        if (memoryBytes < 4 * GIB || cores < 2) {
            return LOW;
        }
        if (memoryBytes >= 16 * GIB && cores >= 8) {
            return HIGH;
        }
        return STANDARD;
    }

    /** Physical (or container-limited) memory: models live in native memory, outside the Java heap. */
    static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
