package dev.moodlens.chat.reply;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses empty and over-long messages before anything is stored or sent anywhere. */
@ApplicationScoped
public class MessageLimits {

    private final int maxLength;

    public MessageLimits(ChatConfig config) {
        this.maxLength = config.maxMessageLength();
    }

    /** The message, stripped; 400 when empty or holding NUL, 413 when longer than moodlens.chat.max-message-length. */
    public String require(String message) {
        if (message == null || message.isBlank()) {
            throw ProblemException.badRequest("message is empty");
        }
        String text = message.strip();
        if (text.length() > maxLength) {
            throw ProblemException.tooLarge("message has " + text.length() + " characters; the limit is " + maxLength);
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: refuse it here rather than fail the insert with a 500.
            throw ProblemException.badRequest("message contains a NUL character");
        }
        return text;
    }

    public int maxLength() {
        return maxLength;
    }
}
