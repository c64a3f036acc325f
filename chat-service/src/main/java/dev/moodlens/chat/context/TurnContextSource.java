package dev.moodlens.chat.context;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.JournalContext;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.cache.JsonResultCache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a turn's context from the inference and analysis services in parallel. Neither is required:
 * a service that fails (after the retries declared on its client) is reported in
 * {@link TurnContext#unavailable()} and the chat answers without it.
 */
@ApplicationScoped
public class TurnContextSource {

    private static final Logger LOG = Logger.getLogger(TurnContextSource.class);
    static final String CACHE_NAMESPACE = "chat-context";
    public static final String NO_EMOTION = "I couldn't read the emotion of your message just now (the inference "
            + "service did not answer), so this reply does not use it.";
    public static final String NO_JOURNAL = "I couldn't look at your journal just now (the analysis service did "
            + "not answer), so this reply does not use it.";

    private final InferenceClient inference;
    private final AnalysisClient analysis;
    private final JsonResultCache cache;
    private final ChatConfig config;

    public TurnContextSource(@RestClient InferenceClient inference, @RestClient AnalysisClient analysis,
                             JsonResultCache cache, ChatConfig config) {
        this.inference = inference;
        this.analysis = analysis;
        this.cache = cache;
        this.config = config;
    }

    public Uni<TurnContext> gather(String user, String message) {
        Uni<TextAnalysis> emotion = analyze(message).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Inference unavailable for a chat turn: %s", failure.toString());
            return null;
        });
        Uni<JournalContext> journal = journal(user).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Analysis unavailable for a chat turn: %s", failure.toString());
            return null;
        });
        return Uni.combine().all().unis(emotion, journal).with((a, j) -> {
            List<String> unavailable = new ArrayList<>();
            if (a == null) {
                unavailable.add(NO_EMOTION);
            }
            if (j == null) {
                unavailable.add(NO_JOURNAL);
            }
            return new TurnContext(a, j, List.copyOf(unavailable));
        });
    }

    /** The emotion and sentiment of one message; fails when the inference service does not answer. */
    public Uni<TextAnalysis> analyze(String message) {
        // Read by sentence like journal entries: a message of mixed feelings is not averaged into one reading of its start.
        return inference.classify(TextsRequest.sentences(List.of(message))).map(TurnContextSource::firstResult);
    }

    /** The user's journal context, read through the Redis cache; fails when the analysis service does not answer. */
    public Uni<JournalContext> journal(String user) {
        return cache.getOrCompute(CACHE_NAMESPACE, user, JournalContext.class, config.contextTtl(),
                () -> analysis.context(user));
    }

    /** Forgets the cached context of a user (after they add an entry). */
    public Uni<Void> forget(String user) {
        return cache.invalidate(CACHE_NAMESPACE, user);
    }

    private static TextAnalysis firstResult(AnalyzeResponse response) {
        if (response == null || response.results() == null || response.results().isEmpty()) {
            throw new IllegalStateException("the inference service returned no result");
        }
        return response.results().get(0);
    }
}
