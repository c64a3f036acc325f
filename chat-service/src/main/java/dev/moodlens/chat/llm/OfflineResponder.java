package dev.moodlens.chat.llm;

import dev.moodlens.chat.config.ChatConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backend 2, the default: needs no network. Writes the reply with {@link OfflineReplyWriter} and streams
 * it word by word like a model would (paced when a person watches it live). It honours every parameter: max-tokens caps the words, stop cuts at
 * the first stop sequence, temperature 0 makes the phrasing deterministic for a given message.
 */
@ApplicationScoped
public class OfflineResponder implements LlmBackend {

    public static final String NAME = "offline";
    private static final Pattern WORD = Pattern.compile("\\S+\\s*");

    private final Duration tokenDelay;

    public OfflineResponder(ChatConfig config) {
        this.tokenDelay = config.llm().offline().tokenDelay();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<LlmParameter> supportedParameters() {
        return EnumSet.allOf(LlmParameter.class);
    }

    @Override
    public Uni<Multi<String>> open(LlmRequest request) {
        List<String> tokens = tokens(request);
        Multi<String> stream = Multi.createFrom().iterable(tokens);
        if (request.live() && !tokenDelay.isZero() && !tokenDelay.isNegative()) {
            // Paced like a model so the page shows the reply being written.
            stream = stream.onItem().call(token -> Uni.createFrom().voidItem().onItem().delayIt().by(tokenDelay));
        }
        return Uni.createFrom().item(stream);
    }

    /** The reply cut into word tokens (each with its trailing space), after max-tokens and stop. */
    public static List<String> tokens(LlmRequest request) {
        ReplyGrounding grounding = request.grounding();
        Random random = request.temperature() != null && request.temperature() == 0.0
                ? new Random(grounding.message() == null ? 0 : grounding.message().hashCode())
                : ThreadLocalRandom.current();
        String text = OfflineReplyWriter.write(grounding, random);
        if (request.stop() != null) {
            for (String stop : request.stop()) {
                int at = stop.isEmpty() ? -1 : text.indexOf(stop);
                if (at >= 0) {
                    text = text.substring(0, at);
                }
            }
        }
        List<String> tokens = new ArrayList<>();
        Matcher words = WORD.matcher(text.strip());
        while (words.find() && (request.maxTokens() == null || tokens.size() < request.maxTokens())) {
            tokens.add(words.group());
        }
        return tokens;
    }
}
