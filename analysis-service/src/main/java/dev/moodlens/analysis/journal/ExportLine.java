package dev.moodlens.analysis.journal;

import java.util.List;

/** One line of an export: the entry and every inference result stored for it. */
public record ExportLine(String id, String text, String writtenAt, String title, List<String> tags,
                         String createdAt, String updatedAt, List<EntryView.Scores> results) {
}
