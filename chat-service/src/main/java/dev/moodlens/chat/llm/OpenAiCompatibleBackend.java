package dev.moodlens.chat.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.chat.config.ChatConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Backend 1: any OpenAI-compatible chat-completions endpoint, streamed. */
@ApplicationScoped
public class OpenAiCompatibleBackend implements LlmBackend {

    public static final String NAME = "openai";

    private final OpenAiClient client;
    private final ChatConfig.OpenAi config;
    private final ObjectMapper json;
    private final Set<LlmParameter> supported;

    public OpenAiCompatibleBackend(@RestClient OpenAiClient client, ChatConfig config, ObjectMapper json) {
        this.client = client;
        this.config = config.llm().openai();
        this.json = json;
        Set<LlmParameter> all = EnumSet.allOf(LlmParameter.class);
        this.config.unsupportedParameters().orElse(Set.of()).stream().map(LlmParameter::ofKey).forEach(all::remove);
        this.supported = Set.copyOf(all);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<LlmParameter> supportedParameters() {
        return supported;
    }

    /**
     * Retried with exponential backoff on 429/5xx/timeouts until the first token arrives (nothing is
     * replayed to the user); the circuit breaker stops calling an endpoint that keeps failing.
     */
    @Override
    @Retry(maxRetries = 2, delay = 250, jitter = 100, retryOn = LlmUnavailableException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 4, maxDelayUnit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Uni<Multi<String>> open(LlmRequest request) {
        ChatCompletionRequest body = new ChatCompletionRequest(config.model(), request.messages(), true,
                request.maxTokens(), request.temperature(),
                request.stop() == null || request.stop().isEmpty() ? null : request.stop());
        String authorization = config.apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k).orElse(null);
        Multi<String> tokens = Multi.createFrom().deferred(() -> client.stream(authorization, body))
                .map(String::strip)
                .select().where(data -> !data.isEmpty())
                .select().first(data -> !"[DONE]".equals(data))
                .map(this::contentOf)
                .select().where(token -> !token.isEmpty())
                .onFailure().transform(OpenAiCompatibleBackend::classify);
        return StreamStart.firstToken(tokens, config.timeout());
    }

    /** The text of one streamed chunk: choices[0].delta.content (or message.content from servers that send whole messages). */
    String contentOf(String data) {
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new LlmUnavailableException("the model sent a chunk that is not JSON");
        }
        if (chunk.hasNonNull("error")) {
            throw new LlmUnavailableException("the model reported an error: " + chunk.get("error").path("message").asText("unknown"));
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode content = choice.path("delta").path("content");
        if (content.isMissingNode() || content.isNull()) {
            content = choice.path("message").path("content");
        }
        return content.isTextual() ? content.asText() : "";
    }

    static Throwable classify(Throwable failure) {
        if (failure instanceof LlmUnavailableException || failure instanceof LlmRejectedException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 429 || status >= 500) {
                return new LlmUnavailableException("the model endpoint answered HTTP " + status, failure);
            }
            return new LlmRejectedException("the model endpoint refused the request with HTTP " + status, failure);
        }
        if (failure instanceof IOException || failure instanceof TimeoutException
                || failure.getCause() instanceof IOException) {
            return new LlmUnavailableException("the model endpoint is unreachable (" + failure.getClass().getSimpleName() + ")", failure);
        }
        return new LlmUnavailableException("the model endpoint failed (" + failure.getClass().getSimpleName() + ")", failure);
    }
}
