package dev.moodlens.chat.llm;

/** The backend refused the request (a 4xx other than 429: bad key, unknown model): retrying cannot help. */
public class LlmRejectedException extends RuntimeException {

    public LlmRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
