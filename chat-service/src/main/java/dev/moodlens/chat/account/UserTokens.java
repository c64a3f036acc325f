package dev.moodlens.chat.account;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.access.SigningKey;
import dev.moodlens.common.token.Roles;
import dev.moodlens.common.token.TokenNames;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Signs user tokens (upn = user id, group {@link Roles#USER}, short lifetime) with this service's own key:
 * the chat service is the only issuer of user tokens, and the other services refuse the user group from any
 * other issuer (review finding 6). The audience is every service a person's token opens
 * ({@link TokenNames#USER_TOKEN_AUDIENCES}).
 */
@ApplicationScoped
public class UserTokens {

    private final SigningKey key;
    private final Duration lifetime;

    public UserTokens(ChatConfig config, SigningKey key) {
        this.key = key;
        this.lifetime = config.auth().tokenLifetime();
    }

    public IssuedToken issue(String user) {
        return new IssuedToken(user, key.issuer().user(user, lifetime), "Bearer", lifetime.toSeconds());
    }
}
