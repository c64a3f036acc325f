package dev.moodlens.chat.account;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.access.AccessConfig;
import dev.moodlens.common.access.Roles;
import dev.moodlens.common.access.TokenNames;
import io.smallrye.jwt.build.Jwt;
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

    private final String issuer;
    private final Duration lifetime;

    public UserTokens(ChatConfig config, AccessConfig access) {
        this.issuer = access.name();
        this.lifetime = config.auth().tokenLifetime();
    }

    public IssuedToken issue(String user) {
        String token = Jwt.issuer(issuer).audience(TokenNames.USER_TOKEN_AUDIENCES).upn(user).subject(user)
                .groups(Roles.USER).expiresIn(lifetime).sign();
        return new IssuedToken(user, token, "Bearer", lifetime.toSeconds());
    }
}
