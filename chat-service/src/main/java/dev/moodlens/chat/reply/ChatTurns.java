package dev.moodlens.chat.reply;

import dev.moodlens.chat.config.ChatConfig;
import dev.moodlens.chat.context.TurnContext;
import dev.moodlens.chat.context.TurnContextSource;
import dev.moodlens.chat.conversation.ChatMessage;
import dev.moodlens.chat.conversation.Conversation;
import dev.moodlens.chat.conversation.ConversationStore;
import dev.moodlens.chat.llm.LlmRequest;
import dev.moodlens.chat.llm.LlmSettings;
import dev.moodlens.chat.llm.ReplyGrounding;
import dev.moodlens.chat.llm.ReplyRouter;
import dev.moodlens.chat.llm.ReplyStream;
import dev.moodlens.common.api.ChatReply;
import dev.moodlens.common.problem.ProblemException;
import dev.moodlens.common.safety.CrisisLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chat turn from message to stored reply: validate, find or start the conversation, gather the
 * emotion and journal context, store the user message, build the prompt, stream the reply from the
 * backend (or its fallback), then store the reply. Crisis language always puts the help resources at
 * the top of the reply, and every context that could not be used is said in the reply itself.
 */
@ApplicationScoped
public class ChatTurns {

    private static final Logger LOG = Logger.getLogger(ChatTurns.class);

    private final ConversationStore store;
    private final TurnContextSource contexts;
    private final LlmSettings settings;
    private final ReplyRouter router;
    private final MessageLimits limits;
    private final int historyMessages;
    private final MeterRegistry metrics;
    private final Executor blocking = Infrastructure.getDefaultWorkerPool();

    public ChatTurns(ConversationStore store, TurnContextSource contexts, LlmSettings settings, ReplyRouter router,
                     MessageLimits limits, ChatConfig config, MeterRegistry metrics) {
        this.store = store;
        this.contexts = contexts;
        this.settings = settings;
        this.router = router;
        this.limits = limits;
        this.historyMessages = config.historyMessages();
        this.metrics = metrics;
    }

    /** Validates the message and resolves the conversation; blocking; throws problem exceptions (4xx). */
    public AcceptedTurn accept(String user, String conversationId, String message) {
        String text = limits.require(message);
        Conversation conversation = store.openOrStart(user, conversationId, text);
        return new AcceptedTurn(user, conversation.id, text);
    }

    /** The whole reply at once (the same pipeline as the stream). */
    public Uni<ChatReply> reply(AcceptedTurn turn) {
        return events(turn, false).collect().asList().map(events -> {
            StringBuilder text = new StringBuilder();
            ChatEvent done = null;
            for (ChatEvent event : events) {
                switch (event.type()) {
                    case "token" -> text.append(event.text());
                    case "done" -> done = event;
                    case "error" -> throw ProblemException.unavailable(event.text(), 5);
                    default -> { }
                }
            }
            if (done == null) {
                throw ProblemException.unavailable("the reply ended early", 5);
            }
            return new ChatReply(done.conversationId(), text.toString(), done.emotion(), done.backend());
        });
    }

    /** The turn as server-sent events: start, analysis, token..., done (or error). */
    public Multi<ChatEvent> stream(AcceptedTurn turn) {
        return events(turn, true);
    }

    private Multi<ChatEvent> events(AcceptedTurn turn, boolean live) {
        String id = turn.conversationId().toString();
        boolean crisis = CrisisLanguage.mentions(turn.message());
        Uni<Prepared> prepared = contexts.gather(turn.user(), turn.message())
                .emitOn(blocking)
                .map(context -> prepare(turn, context, crisis, live));
        Multi<ChatEvent> rest = prepared.onItem().transformToMulti(p -> Multi.createBy().concatenating().streams(
                Multi.createFrom().item(ChatEvent.analysis(id, p.context().analysis(), crisis, p.context().unavailable())),
                router.start(p.request()).onItem().transformToMulti(reply -> reply(turn, p, reply))));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(ChatEvent.start(id)), rest)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Chat turn in conversation %s failed", id);
                    return ChatEvent.error(id, "Something went wrong while answering; your message was kept. Please try again.");
                });
    }

    private Prepared prepare(AcceptedTurn turn, TurnContext context, boolean crisis, boolean live) {
        List<ChatMessage> history = store.recent(turn.conversationId(), historyMessages);
        store.appendUser(turn.conversationId(), turn.message(), context.analysis());
        ReplyGrounding grounding = new ReplyGrounding(turn.message(), context.analysis(), context.journal(), crisis,
                context.unavailable());
        return new Prepared(context, settings.request(PromptBuilder.build(grounding, history), grounding, live));
    }

    private Multi<ChatEvent> reply(AcceptedTurn turn, Prepared p, ReplyStream reply) {
        String id = turn.conversationId().toString();
        List<String> preface = new ArrayList<>();
        List<String> notes = new ArrayList<>(p.context().unavailable());
        if (p.request().grounding().crisis()) {
            preface.add(CrisisLanguage.HELP_TEXT);
        }
        preface.addAll(p.context().unavailable());
        if (reply.fallback()) {
            preface.add(reply.notice());
            notes.add(reply.notice());
        }
        StringBuilder text = new StringBuilder();
        AtomicBoolean finished = new AtomicBoolean();
        Multi<String> pieces = Multi.createBy().concatenating().streams(
                Multi.createFrom().iterable(preface.stream().map(line -> line + "\n\n").toList()),
                reply.tokens());
        Multi<ChatEvent> tokens = pieces.invoke(text::append).map(ChatEvent::token);
        // Exactly one of "done" and "the reader left" stores the reply: whichever claims `finished` first.
        Uni<ChatEvent> done = Uni.createFrom().item(() -> {
            if (finished.compareAndSet(false, true)) {
                store.appendAssistant(turn.conversationId(), text.toString().strip(), reply.backend());
            }
            metrics.counter("moodlens.chat.replies", "backend", reply.backend(),
                    "crisis", Boolean.toString(p.request().grounding().crisis()),
                    "degraded", Boolean.toString(!p.context().unavailable().isEmpty())).increment();
            return ChatEvent.done(id, p.context().analysis(), p.request().grounding().crisis(), reply.backend(),
                    List.copyOf(notes), p.context().journal());
        }).runSubscriptionOn(blocking);
        return Multi.createBy().concatenating().streams(tokens, done.toMulti())
                .onCancellation().invoke(() -> {
                    // The reader went away mid-reply: keep what was written so the history stays whole.
                    if (!text.isEmpty() && finished.compareAndSet(false, true)) {
                        blocking.execute(() -> store.appendAssistant(turn.conversationId(),
                                text.toString().strip() + " \u2026", reply.backend() + " (interrupted)"));
                    }
                });
    }

    private record Prepared(TurnContext context, LlmRequest request) {
    }
}
