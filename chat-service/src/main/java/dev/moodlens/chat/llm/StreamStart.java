package dev.moodlens.chat.llm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a token stream into "a stream that has started": the Uni resolves with the first token in
 * hand, or fails when the stream fails, ends empty or stays silent for {@code timeout}. That makes a
 * streaming call retryable by ordinary fault tolerance (a failure before the first token replays
 * nothing), while later tokens flow through unbuffered.
 */
final class StreamStart {

    private StreamStart() {
    }

    static Uni<Multi<String>> firstToken(Multi<String> source, Duration timeout) {
        Uni<Multi<String>> started = Uni.createFrom().emitter(emitter -> {
            UnicastProcessor<String> rest = UnicastProcessor.create();
            AtomicBoolean begun = new AtomicBoolean();
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            Multi<String> tail = rest.onCancellation().invoke(() -> cancel(upstream));
            upstream.set(source.subscribe().with(
                    token -> {
                        rest.onNext(token);
                        if (begun.compareAndSet(false, true)) {
                            emitter.complete(tail);
                        }
                    },
                    failure -> {
                        if (begun.compareAndSet(false, true)) {
                            emitter.fail(failure);
                        } else {
                            rest.onError(failure);
                        }
                    },
                    () -> {
                        if (begun.compareAndSet(false, true)) {
                            emitter.fail(new LlmUnavailableException("the model returned an empty reply"));
                        } else {
                            rest.onComplete();
                        }
                    }));
            emitter.onTermination(() -> {
                if (!begun.get()) {
                    cancel(upstream);
                }
            });
        });
        return started.ifNoItem().after(timeout)
                .failWith(() -> new LlmUnavailableException("no answer within " + timeout.toMillis() + " ms"));
    }

    private static void cancel(AtomicReference<Cancellable> upstream) {
        Cancellable c = upstream.get();
        if (c != null) {
            c.cancel();
        }
    }
}
