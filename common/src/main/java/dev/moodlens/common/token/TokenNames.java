package dev.moodlens.common.token;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The services' names in tokens (review finding 6). A service signs with a key of its own and puts its name in
 * {@code iss}; a caller puts the name of the service it calls in {@code aud}, and each service takes only tokens
 * naming it (mp.jwt.verify.audiences = moodlens.access.name), so a token meant for one service is refused by the
 * others.
 */
public final class TokenNames {

    public static final String CHAT = "moodlens-chat";
    public static final String ANALYSIS = "moodlens-analysis";
    public static final String INFERENCE = "moodlens-inference";

    /** Accounts live in the chat service: a token of any other issuer that claims the user group is refused. */
    public static final String USER_TOKEN_ISSUER = CHAT;

    /**
     * The services a person's token opens: the chat API (the pages), their journal at the analysis service and
     * the classifier at the inference service (curl with ./moodlens token USER; README, "Ports and endpoints").
     * In this order in every token (the launcher's tests read the claims).
     */
    public static final Set<String> USER_TOKEN_AUDIENCES =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of(CHAT, ANALYSIS, INFERENCE)));

    private TokenNames() {
    }
}
