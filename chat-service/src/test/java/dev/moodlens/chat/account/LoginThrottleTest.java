package dev.moodlens.chat.account;

import dev.moodlens.common.access.KeyedRateLimit;
import dev.moodlens.chat.config.ChatConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Review finding 18: the login budgets hold a bounded number of names (common KeyedRateLimit). */
class LoginThrottleTest {

    @Test
    void finding18LoginThrottleNamesAreBounded() {
        LoginThrottle throttle = new LoginThrottle(config(1, 0));
        for (int i = 0; i < KeyedRateLimit.TRACKED * 3; i++) {
            throttle.attempt("user-" + i, "10.0.0." + (i % 200));
        }
        assertEquals(KeyedRateLimit.TRACKED, throttle.trackedNames());
    }

    /** A ChatConfig with the given login budgets (per name and client, per client; 0 = none). */
    private static ChatConfig config(int perNameAndClient, int perClient) {
        ChatConfig.Auth auth = (ChatConfig.Auth) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] {ChatConfig.Auth.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "loginAttemptsPerMinute" -> perNameAndClient;
                    case "loginAttemptsPerClientPerMinute" -> perClient;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ChatConfig) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(), new Class<?>[] {ChatConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("auth")) {
                        return auth;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
