package dev.moodlens.systemtests.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Plausible journal entries as JSON Lines for imports. */
public final class Journal {

    private static final String[] MOODS = {
            "Had a lovely walk in the park with my sister and we laughed a lot.",
            "Work was exhausting today and my manager ignored my proposal again.",
            "Felt anxious before the exam but it went better than expected.",
            "I miss my grandmother; the house feels empty without her.",
            "Cooked dinner for friends, everyone loved the curry.",
            "Slept badly, angry about the noise from the neighbours all night.",
            "Quiet day, read a book and watched the rain.",
            "Got the job offer! I can hardly believe it, so happy."};

    private Journal() {
    }

    public static byte[] ndjson(int entries, String tag) {
        StringBuilder out = new StringBuilder();
        Instant start = Instant.now().minus(entries + 1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < entries; i++) {
            out.append("{\"writtenAt\":\"").append(start.plus(i, ChronoUnit.HOURS)).append("\",\"text\":\"")
                    .append(MOODS[i % MOODS.length]).append(" (").append(tag).append(' ').append(i).append(")\"}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
