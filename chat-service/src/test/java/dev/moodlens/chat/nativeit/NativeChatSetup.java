package dev.moodlens.chat.nativeit;

import dev.moodlens.chat.StandInServers;
import dev.moodlens.common.testing.NativeTestSetup;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The native integration tests' setup for the chat service: signs with its own test key, and calls the JVM tests'
 * stand-ins for inference and analysis (in this test JVM, over loopback) with the offline responder, so a chat turn
 * needs no other service. Init argument "backend": offline (default) or openai (the stand-in model endpoint).
 */
public class NativeChatSetup extends NativeTestSetup {

    private final StandInServers standIns = new StandInServers();
    private String backend = "offline";

    @Override
    public void init(Map<String, String> initArgs) {
        backend = initArgs.getOrDefault("backend", backend);
    }

    @Override
    protected Map<String, String> settings() throws IOException {
        standIns.init(Map.of("backend", backend));
        Map<String, String> settings = new HashMap<>(dataService("chat"));
        settings.putAll(standIns.start());
        return settings;
    }

    @Override
    public void stop() {
        standIns.stop();
    }
}
