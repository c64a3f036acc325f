package dev.moodlens.chat.account;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.access.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Signs user tokens (upn = user id, group {@link Roles#USER}, short lifetime, the configured issuer) with
 * the suite's signing key; the chat service is the only service that issues them.
 */
@ApplicationScoped
public class UserTokens {

    private final Duration lifetime;

    public UserTokens(ChatConfig config) {
        this.lifetime = config.auth().tokenLifetime();
    }

    public IssuedToken issue(String user) {
        String token = Jwt.upn(user).subject(user).groups(Roles.USER).expiresIn(lifetime).sign();
        return new IssuedToken(user, token, "Bearer", lifetime.toSeconds());
    }
}
