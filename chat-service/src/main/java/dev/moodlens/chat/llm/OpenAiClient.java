package dev.moodlens.chat.llm;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An OpenAI-compatible chat-completions endpoint (Ollama, vLLM, llama.cpp server, hosted APIs); its
 * base URL is quarkus.rest-client.openai.url (= moodlens.chat.llm.openai.base-url). The REST client
 * decodes the server-sent events; each item is the data of one event (a JSON chunk or [DONE]).
 * Retries and the circuit breaker sit on {@link OpenAiCompatibleBackend#open}, around the start of the stream.
 */
@RegisterRestClient(configKey = "openai")
public interface OpenAiClient {

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> stream(@HeaderParam("Authorization") String authorization, ChatCompletionRequest request);
}
