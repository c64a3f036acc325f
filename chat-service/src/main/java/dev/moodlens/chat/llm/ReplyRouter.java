package dev.moodlens.chat.llm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Sends a request to the configured backend and, when that backend fails after its retries (or its
 * circuit is open), lets the offline responder answer with a notice saying so. A backend that stops in
 * the middle of a reply ends it with a short note instead of an error.
 */
@ApplicationScoped
public class ReplyRouter {

    private static final Logger LOG = Logger.getLogger(ReplyRouter.class);
    public static final String FALLBACK_BACKEND = "offline-fallback";
    static final String FALLBACK_NOTICE = "(Offline responder: the language model could not be reached, so "
            + "MoodLens' built-in responder wrote this reply.)";
    static final String CUT_OFF = " \u2026 (The language model stopped answering here, so this reply is incomplete.)";

    private final LlmSettings settings;
    private final OfflineResponder offline;

    public ReplyRouter(LlmSettings settings, OfflineResponder offline) {
        this.settings = settings;
        this.offline = offline;
    }

    public Uni<ReplyStream> start(LlmRequest request) {
        LlmBackend primary = settings.primary();
        if (primary == offline) {
            return offline.open(request).map(tokens -> new ReplyStream(offline.name(), null, tokens));
        }
        return primary.open(request)
                .map(tokens -> new ReplyStream(primary.name(), null, tokens.onFailure().recoverWithMulti(failure -> {
                    LOG.warnf("The %s backend failed mid-reply: %s", primary.name(), failure.getMessage());
                    return Multi.createFrom().item(CUT_OFF);
                })))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("The %s backend could not answer (%s): the offline responder answers instead",
                            primary.name(), failure.getMessage());
                    return offline.open(request).map(tokens -> new ReplyStream(FALLBACK_BACKEND, FALLBACK_NOTICE, tokens));
                });
    }
}
