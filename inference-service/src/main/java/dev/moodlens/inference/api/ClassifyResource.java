package dev.moodlens.inference.api;

import dev.moodlens.common.token.Roles;
import dev.moodlens.common.api.AnalyzeResponse;
import dev.moodlens.common.api.ClassifyResponse;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.api.TextsRequest;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.inference.classify.SentenceReader;
import dev.moodlens.inference.classify.TaskResult;
import dev.moodlens.inference.classify.TextClassifier;
import dev.moodlens.inference.config.InferenceConfig;
import dev.moodlens.models.runtime.Task;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sentiment, emotion, or both, for one text or a list. Runs on a worker thread (tokenizing is CPU work)
 * and returns as soon as the texts are queued; the batcher completes the answer.
 */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
// Any valid suite token: it holds no user data, so a user token (curl) is as good as a service one.
@RolesAllowed({Roles.SERVICE, Roles.USER})
public class ClassifyResource {

    private final TextClassifier classifier;
    private final SentenceReader sentences;
    private final RequestLimits limits;
    private final Duration timeout;
    private final int retryAfterSeconds;

    public ClassifyResource(TextClassifier classifier, SentenceReader sentences, RequestLimits limits, InferenceConfig config) {
        this.classifier = classifier;
        this.sentences = sentences;
        this.limits = limits;
        this.timeout = config.requestTimeout();
        this.retryAfterSeconds = config.batch().retryAfterSeconds();
    }

    @POST
    @Path("/sentiment")
    @Blocking
    public Uni<ClassifyResponse> sentiment(TextsRequest request) {
        return one(Task.SENTIMENT, request);
    }

    @POST
    @Path("/emotion")
    @Blocking
    public Uni<ClassifyResponse> emotion(TextsRequest request) {
        return one(Task.EMOTION, request);
    }

    @POST
    @Path("/classify")
    @Blocking
    public Uni<AnalyzeResponse> classify(TextsRequest request) {
        List<String> texts = limits.texts(request, true);
        if (request.bySentence()) {
            return bounded(Uni.createFrom().completionStage(sentences.read(texts)));
        }
        CompletableFuture<TaskResult> sentiment = classifier.classify(Task.SENTIMENT, texts);
        CompletableFuture<TaskResult> emotion = classifier.classify(Task.EMOTION, texts);
        return bounded(Uni.createFrom().completionStage(sentiment.thenCombine(emotion, (s, e) -> {
            List<TextAnalysis> results = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                results.add(new TextAnalysis(s.results().get(i), e.results().get(i)));
            }
            return new AnalyzeResponse(results, s.model(), e.model(), AnalyzeResponse.WHOLE_TEXT);
        })));
    }

    private Uni<ClassifyResponse> one(Task task, TextsRequest request) {
        List<String> texts = limits.texts(request, false);
        return bounded(Uni.createFrom().completionStage(classifier.classify(task, texts))
                .map(r -> new ClassifyResponse(r.results(), r.model())));
    }

    /** Never an unbounded wait: a request the batcher cannot serve in time gets 503 with Retry-After. */
    private <T> Uni<T> bounded(Uni<T> answer) {
        return answer.ifNoItem().after(timeout).failWith(() -> ProblemException.unavailable(
                "the texts were not classified within " + timeout.toSeconds() + " s; retry shortly", retryAfterSeconds));
    }
}
