package dev.moodlens.inference.hub;

/** A file could not be had from the Hub (or its cache); the message names repo, revision and file. */
public class HubException extends RuntimeException {

    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
