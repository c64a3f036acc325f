package dev.moodlens.chat.account;

import dev.moodlens.chat.api.ChatUser;
import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.problem.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Registers accounts and checks passwords against their bcrypt hashes. A wrong password and an unknown
 * user are the same 401, and an unknown user still costs one bcrypt check, so neither the answer nor its
 * timing tells which accounts exist.
 */
@ApplicationScoped
public class AccountStore {

    /** bcrypt reads at most 72 bytes; a longer password would silently share a hash with its prefix. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final int minPasswordLength;
    private final int cost;
    private final String decoyHash;

    public AccountStore(ChatConfig config) {
        this.minPasswordLength = config.auth().minPasswordLength();
        this.cost = config.auth().bcryptCost();
        this.decoyHash = BcryptUtil.bcryptHash("not-a-password-of-anyone", cost);
    }

    /**
     * The user id of a registration whose input is acceptable; 400 otherwise. No hashing and no query, so
     * the caller can count only the registrations that will cost a hash.
     */
    public String checkNew(Credentials credentials) {
        String user = ChatUser.validId(credentials == null ? null : credentials.user());
        String password = credentials.password();
        if (password == null || password.codePointCount(0, password.length()) < minPasswordLength) {
            throw ProblemException.badRequest("password must have at least " + minPasswordLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ProblemException.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)");
        }
        return user;
    }

    /** The one answer to a name that cannot be had (an account or a journal has it): names no one (finding 10). */
    static ProblemException taken() {
        return new ProblemException(409, "Conflict", "this user name cannot be registered; choose another");
    }

    /** Creates the account; 400 for bad input, 409 when the user id is taken. */
    @Transactional
    public void register(Credentials credentials) {
        String user = checkNew(credentials);
        String password = credentials.password();
        // Hashed first and answered without naming anyone (finding 10): a taken name costs the same time and
        // reads like any name that cannot be had, as login's one 401 does not say which part was wrong.
        String hash = BcryptUtil.bcryptHash(password, cost);
        if (Account.findById(user) != null) {
            throw taken();
        }
        Account account = new Account();
        account.userId = user;
        account.passwordHash = hash;
        account.createdAt = Instant.now();
        account.persist();
    }

    /** The user id when the password is right; 401 problem JSON otherwise. */
    @Transactional
    public String verify(Credentials credentials) {
        String user = credentials == null || credentials.user() == null ? "" : credentials.user().strip();
        String password = credentials == null || credentials.password() == null ? "" : credentials.password();
        if (!user.isEmpty()) {
            ChatUser.validId(user); // a malformed name (a NUL, "..") is a 400 before any query (finding 9)
        }
        Account account = user.isEmpty() ? null : Account.findById(user);
        boolean matches = BcryptUtil.matches(password, account == null ? decoyHash : account.passwordHash);
        if (account == null || !matches) {
            throw new ProblemException(401, "Unauthorized", "unknown user or wrong password");
        }
        return account.userId;
    }
}
