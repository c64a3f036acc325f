package dev.moodlens.chat.nativeit;

import dev.moodlens.common.testing.NativeTestSetup;

/** The native integration tests' setup for the chat service (signs with its own test key). */
public class NativeChatSetup extends NativeTestSetup {

    public NativeChatSetup() {
        super("chat");
    }
}
