package dev.moodlens.chat.llm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * The contract every language-model backend honours. A backend declares the parameters it supports;
 * {@link LlmSettings} checks the configured parameters against that declaration at startup, so a call
 * never carries a parameter the backend would reject.
 */
public interface LlmBackend {

    /** Short name reported to callers (the "backend" field of a reply). */
    String name();

    Set<LlmParameter> supportedParameters();

    /**
     * Starts a reply. The Uni resolves once the backend has begun answering (its first token is in
     * hand) and fails when it cannot answer; the Multi then streams the reply's tokens in order.
     */
    Uni<Multi<String>> open(LlmRequest request);
}
