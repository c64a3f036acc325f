package dev.moodlens.analysis.journal;

import java.util.List;

/** One page of a user's entries and how many match in total. */
public record EntryPage(List<EntryView> items, long total) {
}
