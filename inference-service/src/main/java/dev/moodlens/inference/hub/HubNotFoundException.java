package dev.moodlens.inference.hub;

/** 404 from the Hub: the repo, revision or file does not exist (or is private to someone else). */
public class HubNotFoundException extends HubException {

    public HubNotFoundException(String message) {
        super(message);
    }
}
