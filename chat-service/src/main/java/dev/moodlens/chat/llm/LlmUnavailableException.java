package dev.moodlens.chat.llm;

/** The backend could not answer now (429, 5xx, timeout, connection refused): worth retrying, then falling back. */
public class LlmUnavailableException extends RuntimeException {

    public LlmUnavailableException(String message) {
        super(message);
    }

    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
