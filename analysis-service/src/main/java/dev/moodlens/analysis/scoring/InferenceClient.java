package dev.moodlens.analysis.scoring;

import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.TextsRequest;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Calls the inference service with the fault tolerance it needs: a bounded wait, a few retries with
 * exponential backoff, a circuit breaker so a dead service costs nothing, and a fallback that leaves
 * the entries pending (the scheduled rescoring picks them up when the service returns). A 4xx answer is a
 * refusal of these texts ({@link InferenceOutcome#isRefused()}), and a 503/429 with Retry-After a request to
 * slow down ({@link InferenceOutcome#isBusy()}): neither is an outage. Every value
 * can be overridden by configuration (quarkus.fault-tolerance."...InferenceClient/classify".*).
 */
@ApplicationScoped
public class InferenceClient {

    private final InferenceApi api;
    private final ModelRevisions models;

    InferenceClient(@RestClient InferenceApi api, ModelRevisions models) {
        this.api = api;
        this.models = models;
    }

    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, jitter = 100)
    @ExponentialBackoff(factor = 2, maxDelay = 4000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 15, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "leavePending")
    public Uni<InferenceOutcome> classify(List<String> texts) {
        // Entries are read sentence by sentence (aggregate + each sentence with offsets); the answer says how (reading).
        return api.classify(TextsRequest.sentences(texts)).map(response -> {
            if (response == null || response.results() == null || response.results().size() != texts.size()) {
                throw new IllegalStateException("the inference service answered " + (response == null || response.results() == null
                        ? "no results" : response.results().size() + " results for " + texts.size() + " texts"));
            }
            models.observe(response);
            return InferenceOutcome.scored(response);
        })
                // A refusal is an answer, not an outage: recovered here, inside the guard, so it is neither
                // retried nor counted by the circuit breaker, and never turned into "pending" by the fallback.
                .onFailure(InferenceRefusedException.class).recoverWithItem(e -> InferenceOutcome.refused(e.getMessage()))
                // Busy is back pressure: the caller narrows its window and waits (ScoringRound); retrying here at
                // once, or opening the breaker, would only add load to a saturated service.
                .onFailure(InferenceBusyException.class).recoverWithItem(e -> InferenceOutcome.busy(((InferenceBusyException) e).retryAfter()));
    }

    Uni<InferenceOutcome> leavePending(List<String> texts) {
        return Uni.createFrom().item(InferenceOutcome.pending("the inference service is unavailable"));
    }

    /** Convenience for tests and callers that only want the answer. */
    public static AnalyzeResponse orNull(InferenceOutcome outcome) {
        return outcome == null ? null : outcome.response();
    }
}
