package dev.moodlens.chat.llm;

import dev.moodlens.chat.config.ChatConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured backend and generation parameters, checked once at startup: an unknown backend or a
 * parameter the backend declared it cannot honour stops the service with a message naming the setting,
 * instead of failing on every call.
 */
@Startup
@ApplicationScoped
public class LlmSettings {

    private static final Logger LOG = Logger.getLogger(LlmSettings.class);

    private final LlmBackend primary;
    private final Integer maxTokens;
    private final Double temperature;
    private final List<String> stop;

    public LlmSettings(ChatConfig config, OpenAiCompatibleBackend openai, OfflineResponder offline) {
        ChatConfig.OpenAi params = config.llm().openai();
        String backend = config.llm().backend().strip().toLowerCase(Locale.ROOT);
        this.primary = switch (backend) {
            case OfflineResponder.NAME -> offline;
            case OpenAiCompatibleBackend.NAME -> openai;
            default -> throw new IllegalStateException("moodlens.chat.llm.backend=" + backend
                    + " is not a backend (use offline or openai)");
        };
        this.maxTokens = params.maxTokens().orElse(null);
        this.temperature = params.temperature().orElse(null);
        this.stop = params.stop().filter(s -> !s.isEmpty()).orElse(null);
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalStateException("moodlens.chat.llm.openai.max-tokens must be at least 1");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalStateException("moodlens.chat.llm.openai.temperature must be between 0 and 2");
        }
        requireSupported(primary, configured());
        // The offline responder is also the fallback of every other backend, with the same parameters.
        requireSupported(offline, configured());
        LOG.infof("Chat replies by the %s backend%s", primary.name(),
                primary == offline ? "" : " (falling back to the offline responder when it fails)");
    }

    /** Refuses a configuration that sets a parameter the backend does not support. */
    public static void requireSupported(LlmBackend backend, Set<LlmParameter> configured) {
        Set<LlmParameter> missing = EnumSet.noneOf(LlmParameter.class);
        missing.addAll(configured);
        missing.removeAll(backend.supportedParameters());
        if (!missing.isEmpty()) {
            String names = missing.stream().map(p -> "moodlens.chat.llm.openai." + p.key()).collect(Collectors.joining(", "));
            throw new IllegalStateException("the " + backend.name() + " backend does not support " + names
                    + ": remove the setting or the entry in moodlens.chat.llm.openai.unsupported-parameters");
        }
    }

    public LlmBackend primary() {
        return primary;
    }

    /** A request with the configured parameters, the only ones any backend receives. */
    public LlmRequest request(List<LlmMessage> messages, ReplyGrounding grounding, boolean live) {
        return new LlmRequest(messages, maxTokens, temperature, stop, grounding, live);
    }

    private Set<LlmParameter> configured() {
        return request(List.of(), null, false).parameters();
    }
}
