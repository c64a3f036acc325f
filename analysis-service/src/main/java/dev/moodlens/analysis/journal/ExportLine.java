package dev.moodlens.analysis.journal;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One line of an export: the entry and every inference result stored for it. */
// Written by Jackson line by line into the export (JournalExport), not as a REST return type: registered for a
// native executable.
@RegisterForReflection(registerFullHierarchy = true)
public record ExportLine(String id, String text, String writtenAt, String title, List<String> tags,
                         String createdAt, String updatedAt, List<EntryView.Scores> results) {
}
