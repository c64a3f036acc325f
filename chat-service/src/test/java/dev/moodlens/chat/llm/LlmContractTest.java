package dev.moodlens.chat.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmContractTest {

    private static LlmBackend backend(Set<LlmParameter> supported) {
        return new LlmBackend() {
            public String name() {
                return "limited";
            }

            public Set<LlmParameter> supportedParameters() {
                return supported;
            }

            public Uni<Multi<String>> open(LlmRequest request) {
                return Uni.createFrom().item(Multi.createFrom().empty());
            }
        };
    }

    @Test
    void refusesAtConfigurationTimeAParameterTheBackendCannotHonour() {
        LlmBackend noTemperature = backend(EnumSet.of(LlmParameter.MAX_TOKENS, LlmParameter.STOP));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LlmSettings.requireSupported(
                noTemperature, EnumSet.of(LlmParameter.MAX_TOKENS, LlmParameter.TEMPERATURE)));
        assertTrue(e.getMessage().contains("moodlens.chat.llm.openai.temperature"), e.getMessage());
        LlmSettings.requireSupported(noTemperature, EnumSet.of(LlmParameter.MAX_TOKENS));
    }

    @Test
    void aRequestCarriesOnlyTheParametersThatAreSet() {
        assertEquals(Set.of(), new LlmRequest(List.of(), null, null, List.of(), null).parameters());
        assertEquals(EnumSet.allOf(LlmParameter.class), new LlmRequest(List.of(), 5, 0.2, List.of("x"), null).parameters());
        assertEquals(LlmParameter.MAX_TOKENS, LlmParameter.ofKey(" MAX_TOKENS "));
        assertThrows(IllegalArgumentException.class, () -> LlmParameter.ofKey("top-p"));
    }

    @Test
    void unsetParametersAreLeftOutOfTheOpenAiBody() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new ChatCompletionRequest("m",
                List.of(LlmMessage.user("hi")), true, null, null, null));
        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}", json);
        String full = new ObjectMapper().writeValueAsString(new ChatCompletionRequest("m", List.of(), true, 9, 0.5, List.of("\n\n")));
        assertTrue(full.contains("\"max_tokens\":9") && full.contains("\"temperature\":0.5") && full.contains("\"stop\":[\"\\n\\n\"]"), full);
    }

    @Test
    void classifiesFailuresForRetry() {
        assertInstanceOf(LlmUnavailableException.class, OpenAiCompatibleBackend.classify(new WebApplicationException(429)));
        assertInstanceOf(LlmUnavailableException.class, OpenAiCompatibleBackend.classify(new WebApplicationException(503)));
        assertInstanceOf(LlmRejectedException.class, OpenAiCompatibleBackend.classify(new WebApplicationException(401)));
        assertInstanceOf(LlmUnavailableException.class, OpenAiCompatibleBackend.classify(new ConnectException("refused")));
        assertInstanceOf(LlmUnavailableException.class, OpenAiCompatibleBackend.classify(new IOException("reset")));
    }

    @Test
    void aStreamHasStartedOnlyWithItsFirstToken() {
        List<String> tokens = StreamStart.firstToken(Multi.createFrom().items("a", "b", "c"), Duration.ofSeconds(5))
                .await().indefinitely().collect().asList().await().indefinitely();
        assertEquals(List.of("a", "b", "c"), tokens);

        Throwable before = assertThrows(LlmUnavailableException.class, () -> StreamStart.firstToken(
                Multi.createFrom().<String>failure(new LlmUnavailableException("429")), Duration.ofSeconds(5)).await().indefinitely());
        assertEquals("429", before.getMessage());
        assertThrows(LlmUnavailableException.class, () -> StreamStart.firstToken(Multi.createFrom().<String>empty(),
                Duration.ofSeconds(5)).await().indefinitely());
        assertThrows(LlmUnavailableException.class, () -> StreamStart.firstToken(Multi.createFrom().<String>nothing(),
                Duration.ofMillis(50)).await().indefinitely());

        // A failure after the first token reaches the consumer of the stream, not the start.
        AtomicInteger cancelled = new AtomicInteger();
        Multi<String> midway = Multi.createBy().concatenating().streams(Multi.createFrom().items("a"),
                Multi.createFrom().<String>failure(new IllegalStateException("cut"))).onCancellation().invoke(cancelled::incrementAndGet);
        Multi<String> started = StreamStart.firstToken(midway, Duration.ofSeconds(5)).await().indefinitely();
        AssertSubscriber<String> subscriber = started.subscribe().withSubscriber(AssertSubscriber.create(10));
        subscriber.awaitFailure().assertItems("a");
        assertEquals("cut", subscriber.getFailure().getMessage());
    }
}
