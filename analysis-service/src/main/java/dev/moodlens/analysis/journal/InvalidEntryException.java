package dev.moodlens.analysis.journal;

/** An entry that fails validation; {@code field} names the offending field, {@code tooLarge} selects 413. */
public class InvalidEntryException extends RuntimeException {

    private final String field;
    private final boolean tooLarge;

    public InvalidEntryException(String field, String message) {
        this(field, message, false);
    }

    public InvalidEntryException(String field, String message, boolean tooLarge) {
        super(message);
        this.field = field;
        this.tooLarge = tooLarge;
    }

    public String field() {
        return field;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
