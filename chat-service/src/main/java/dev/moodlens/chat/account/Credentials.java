package dev.moodlens.chat.account;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a person types to register or log in. */
@Schema(description = "user: 1 to 64 of A-Z a-z 0-9 . _ -; password: 8 to 72 bytes (UTF-8)")
public record Credentials(@Schema(required = true, example = "demo") String user,
                          @Schema(required = true) String password) {

    /** Never print the password, even in a debug log of the request. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
