package dev.moodlens.chat.llm;

import java.util.Arrays;
import java.util.Locale;

/** The generation parameters of the {@link LlmBackend} contract, with their configuration names. */
public enum LlmParameter {
    MAX_TOKENS("max-tokens"),
    TEMPERATURE("temperature"),
    STOP("stop");

    private final String key;

    LlmParameter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static LlmParameter ofKey(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(p -> p.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown LLM parameter '" + key
                        + "' (known: max-tokens, temperature, stop)"));
    }
}
