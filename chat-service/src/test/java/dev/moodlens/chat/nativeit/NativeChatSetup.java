package dev.moodlens.chat.nativeit;

import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.Map;

/** The native integration tests' setup for the chat service (signs with its own test key). */
public class NativeChatSetup extends NativeTestSetup {

    @Override
    protected Map<String, String> settings() throws IOException {
        return dataService("chat");
    }
}
