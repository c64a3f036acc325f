package dev.moodlens.chat.llm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A request to any {@link LlmBackend}: the prompt messages plus the parameters of the contract; a
 * parameter left null is not sent at all, so a backend only ever receives what it declared it supports.
 * {@code live} says a person watches the reply being streamed (a local responder may pace its tokens).
 */
public record LlmRequest(List<LlmMessage> messages, Integer maxTokens, Double temperature, List<String> stop,
                         ReplyGrounding grounding, boolean live) {

    public LlmRequest(List<LlmMessage> messages, Integer maxTokens, Double temperature, List<String> stop,
                      ReplyGrounding grounding) {
        this(messages, maxTokens, temperature, stop, grounding, false);
    }

    /** The parameters this request sets. */
    public Set<LlmParameter> parameters() {
        Set<LlmParameter> set = EnumSet.noneOf(LlmParameter.class);
        if (maxTokens != null) {
            set.add(LlmParameter.MAX_TOKENS);
        }
        if (temperature != null) {
            set.add(LlmParameter.TEMPERATURE);
        }
        if (stop != null && !stop.isEmpty()) {
            set.add(LlmParameter.STOP);
        }
        return set;
    }
}
