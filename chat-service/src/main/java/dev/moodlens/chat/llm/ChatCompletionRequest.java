package dev.moodlens.chat.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Body of an OpenAI-compatible {@code POST /chat/completions}; unset parameters are left out of the JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(String model, List<LlmMessage> messages, boolean stream,
                                    @JsonProperty("max_tokens") Integer maxTokens, Double temperature,
                                    List<String> stop) {
}
