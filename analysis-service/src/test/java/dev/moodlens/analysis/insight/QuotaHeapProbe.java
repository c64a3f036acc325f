package dev.moodlens.analysis.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.analysis.context.JournalContextBuilder;
import dev.moodlens.analysis.journal.SentenceMood;
import dev.moodlens.common.api.ModelStamp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Heap of the analyses of a journal at the quota (review finding 2), in process: builds the snapshot the loader
 * would (every entry scored, its emotion scores and key sentence, texts of unique words and phrases so that the
 * theme vocabulary is as large as prose makes it), then runs each analysis and prints the heap after GC and the
 * peak of the heap pools. Not a test (no *Test name); run it as analysis-service/README.md "Memory at the quota"
 * says, e.g. java -Xmx512m ... QuotaHeapProbe 100000 67108864.
 */
public final class QuotaHeapProbe {

    private static final String[] EMOTIONS = {"sadness", "joy", "love", "anger", "fear", "surprise"};

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long textBytes = args.length > 1 ? Long.parseLong(args[1]) : 64L << 20;
        long before = settledHeap();
        JournalSnapshot snapshot = journal(entries, textBytes);
        long loaded = settledHeap();
        System.out.printf("entries %d, text %d bytes: snapshot %d MiB on the heap%n", entries, textBytes,
                (loaded - before) >> 20);
        ObjectMapper json = new ObjectMapper();
        Map<String, Function<JournalSnapshot, Object>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("comprehensive", new ComprehensiveAnalyzer()::analyze);
        kinds.put("personality", new PersonalityAnalyzer()::analyze);
        kinds.put("predictive", new PredictiveAnalyzer()::analyze);
        kinds.put("context", new JournalContextBuilder()::build);
        for (Map.Entry<String, Function<JournalSnapshot, Object>> kind : kinds.entrySet()) {
            settledHeap();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            String out = json.writeValueAsString(kind.getValue().apply(snapshot));
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%-13s %6d ms, %7d bytes of JSON, heap pools at peak %d MiB (max %d MiB)%n", kind.getKey(),
                    millis, out.length(), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        System.out.println("snapshot entries: " + snapshot.entries().size());
    }

    /** Entries over 3 years, texts of about textBytes / entries bytes from a 20,000-word vocabulary. */
    static JournalSnapshot journal(int entries, long textBytes) {
        Random random = new Random(7);
        String[] vocabulary = new String[20_000];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int c = 0, len = 3 + random.nextInt(7); c < len; c++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = w.toString();
        }
        int perEntry = (int) (textBytes / entries);
        Instant start = Instant.parse("2023-01-01T08:00:00Z");
        List<ScoredEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            StringBuilder text = new StringBuilder(perEntry);
            while (text.length() < perEntry - 12) {
                // Zipf-like: a few words are frequent, most are rare, as in prose.
                int rank = (int) Math.min(vocabulary.length - 1, Math.exp(random.nextDouble() * Math.log(vocabulary.length)));
                text.append(vocabulary[rank]).append(random.nextInt(12) == 0 ? ". " : " ");
            }
            double mood = random.nextDouble() * 2 - 1;
            Map<String, Double> emotions = new HashMap<>();
            for (String e : EMOTIONS) {
                emotions.put(e, random.nextDouble() / 6);
            }
            String emotion = EMOTIONS[random.nextInt(EMOTIONS.length)];
            SentenceMood key = new SentenceMood(0, Math.min(80, text.length()), 0.5, mood > 0 ? "positive" : "negative",
                    mood, emotion, 0.5, true);
            list.add(new ScoredEntry("0000" + i + "-aaaa-bbbb-cccc-" + i, start.plusSeconds(i * 950L), ZoneOffset.ofHours(1),
                    null, text.toString(), List.of(), mood, mood > 0 ? "positive" : "negative", emotion, emotions, key));
        }
        return new JournalSnapshot("probe", 1, list, 0, 0,
                List.of(new ModelStamp("s", "1"), new ModelStamp("e", "1")), Instant.now());
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
