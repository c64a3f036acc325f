package dev.moodlens.analysis.journal;

import java.time.OffsetDateTime;
import java.util.List;

/** A validated entry as written by a client (create, update or one import record). */
public record EntryDraft(OffsetDateTime writtenAt, String title, String text, List<String> tags) {
}
