package dev.moodlens.analysis.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes a journal as JSON Lines while reading it, a page of entries at a time (review finding 2: the export
 * of a journal at the quota used to be one list in memory). Pages are separate transactions, so an entry
 * written or deleted during a long export may or may not be in it; every entry that exists throughout is, once,
 * in order.
 */
@ApplicationScoped
public class JournalExport {

    static final int PAGE = 500;

    private final JournalStore store;
    private final ObjectMapper json;

    public JournalExport(JournalStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public void writeNdjson(String user, OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        JournalStore.ExportCursor cursor = null;
        do {
            JournalStore.ExportPage page = store.exportPage(user, cursor, PAGE);
            for (ExportLine line : page.lines()) {
                writer.write(json.writeValueAsString(line));
                writer.write('\n');
            }
            writer.flush();
            cursor = page.next();
        } while (cursor != null);
    }
}
