package dev.moodlens.chat.llm;

import io.smallrye.mutiny.Multi;

/**
 * A reply in progress: the backend that writes it, an optional notice for the user (set when the
 * offline responder stood in for a failed backend) and the tokens.
 */
public record ReplyStream(String backend, String notice, Multi<String> tokens) {

    public boolean fallback() {
        return notice != null;
    }
}
