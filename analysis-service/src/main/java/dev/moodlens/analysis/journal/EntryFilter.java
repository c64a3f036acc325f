package dev.moodlens.analysis.journal;

import dev.moodlens.common.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Which entries a listing returns: written in [from, to), whose text or title contains {@code text}
 * (case-insensitive), carrying {@code tag} (case-insensitive, whole tag), and, with {@code pendingOnly},
 * only those without a result of the current model revisions (the journal page's scoring progress).
 * Every part is optional, and an empty or blank one is no filter (a cleared search box sends {@code q=});
 * {@link #of} validates the query parameters (400 problem JSON naming the one at fault).
 */
public record EntryFilter(Instant from, Instant to, String text, String tag, boolean pendingOnly) {

    /** Longest search text (a phrase, not a document: the search is a substring scan of the user's entries). */
    public static final int MAX_TEXT = 200;
    /** Same bound as a tag of an entry (EntryParser). */
    public static final int MAX_TAG = 64;

    public static EntryFilter of(String from, String to, String text, String tag, String pending) {
        Instant lower = instant("from", from, false);
        Instant upper = instant("to", to, true);
        if (lower != null && upper != null && !lower.isBefore(upper)) {
            throw ProblemException.badRequest("from must be before to");
        }
        return new EntryFilter(lower, upper, bounded("q", text, MAX_TEXT), bounded("tag", tag, MAX_TAG), flag(pending));
    }

    /** A LIKE pattern matching {@code value} anywhere, with LIKE's own wildcards escaped by '\'. */
    static String contains(String value) {
        return "%" + value.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String bounded(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw ProblemException.badRequest(name + " must be 1 to " + max + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest(name + " must not contain control characters");
        }
        return stripped;
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("pending must be 'true' or 'false'");
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw ProblemException.badRequest(name + " must be an ISO date (2026-11-01) or date-time (2026-11-01T08:30:00Z)");
            }
        }
    }
}
