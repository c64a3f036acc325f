package dev.moodlens.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every knob of the chat service; each is documented once in application.properties. */
@ConfigMapping(prefix = "moodlens.chat")
public interface ChatConfig {

    /** Base URL of the inference service (emotion and sentiment of each user message). */
    @WithDefault("http://127.0.0.1:8081")
    String inferenceUrl();

    /** Base URL of the analysis service (journal context, adding entries). */
    @WithDefault("http://127.0.0.1:8082")
    String analysisUrl();

    /** Longest accepted user message, in characters. */
    @WithDefault("4000")
    int maxMessageLength();

    /** How many earlier messages of the conversation go into the prompt. */
    @WithDefault("12")
    int historyMessages();

    /** How long a user's journal context stays cached in Redis. */
    @WithDefault("PT2M")
    Duration contextTtl();

    Llm llm();

    Auth auth();

    interface Auth {

        /** Lifetime of the user tokens issued at login and registration. */
        @WithDefault("PT1H")
        Duration tokenLifetime();

        /** Shortest accepted password, in characters. */
        @WithDefault("8")
        int minPasswordLength();

        /** bcrypt cost (log2 of the rounds) of new password hashes. */
        @WithDefault("10")
        int bcryptCost();

        /** Login attempts per user name and client address per minute (then 429 with Retry-After); 0 = no limit. */
        @WithDefault("10")
        int loginAttemptsPerMinute();

        /** Login attempts per client address per minute, whatever the names (then 429); 0 = no limit. */
        @WithDefault("30")
        int loginAttemptsPerClientPerMinute();

        /** Registrations per client address per hour (each is a bcrypt hash; then 429); 0 = no limit. */
        @WithDefault("10")
        int registrationsPerClientPerHour();
    }

    interface Llm {

        /** offline (built-in responder, no network) or openai (any OpenAI-compatible endpoint). */
        @WithDefault("offline")
        String backend();

        OpenAi openai();

        Offline offline();
    }

    interface OpenAi {

        @WithDefault("http://127.0.0.1:11434/v1")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("llama3.2")
        String model();

        /** Upper bound of reply tokens; sent only when set. */
        Optional<Integer> maxTokens();

        /** Sampling temperature; sent only when set. */
        Optional<Double> temperature();

        /** Stop sequences; sent only when set. */
        Optional<List<String>> stop();

        /** Longest wait for the first token of a reply (each attempt). */
        @WithDefault("PT60S")
        Duration timeout();

        /**
         * Parameters this endpoint does not accept (max-tokens, temperature, stop). Setting one of them
         * in moodlens.chat.llm.* as well is refused at startup rather than failing every call.
         */
        Optional<Set<String>> unsupportedParameters();
    }

    interface Offline {

        /** Pause between streamed words, so the page shows the reply being written. */
        @WithDefault("PT0.02S")
        Duration tokenDelay();
    }
}
