package dev.moodlens.chat.nativeit;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The native integration tests' setup for the chat service: signs with its own test key, and calls the JVM tests'
 * stand-ins for inference and analysis (in this test JVM, over loopback) with the offline responder, so a chat turn
 * needs no other service.
 */
public class NativeChatSetup extends NativeTestSetup {

    private final StandInServers standIns = new StandInServers();

    @Override
    protected Map<String, String> settings() throws IOException {
        standIns.init(Map.of("backend", "offline"));
        Map<String, String> settings = new HashMap<>(dataService("chat"));
        settings.putAll(standIns.start());
        return settings;
    }

    @Override
    public void stop() {
        standIns.stop();
    }
}
