package dev.moodlens.inference.hub;

import java.util.UUID;

/** A token unique to this process, for temporary file names that no other replica may touch. */
final class ProcessIdentity {

    private static final String TOKEN = ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private ProcessIdentity() {
    }

    static String token() {
        return TOKEN;
    }
}
