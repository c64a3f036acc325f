package dev.moodlens.chat.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moodlens.common.api.TextAnalysis;
import dev.moodlens.common.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Conversations and messages in PostgreSQL. Blocking (JDBC): callers run it on a worker thread.
 * A conversation is only ever found together with its owner, so another user's id reads as unknown.
 */
@ApplicationScoped
public class ConversationStore {

    private static final Logger LOG = Logger.getLogger(ConversationStore.class);
    private static final int TITLE_LENGTH = 80;

    private final ObjectMapper json;

    public ConversationStore(ObjectMapper json) {
        this.json = json;
    }

    /** The user's conversation {@code id}, or a new one titled after the first message when id is null. */
    @Transactional
    public Conversation openOrStart(String user, String id, String firstMessage) {
        if (id == null || id.isBlank()) {
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.userId = user;
            conversation.title = titleOf(firstMessage);
            conversation.createdAt = Instant.now();
            conversation.updatedAt = conversation.createdAt;
            conversation.persist();
            return conversation;
        }
        return owned(user, id);
    }

    /** The last {@code limit} messages of a conversation, oldest first. */
    @Transactional
    public List<ChatMessage> recent(UUID conversationId, int limit) {
        List<ChatMessage> latest = new ArrayList<>(ChatMessage.<ChatMessage>find("conversationId",
                Sort.descending("id"), conversationId).page(0, Math.max(1, limit)).list());
        Collections.reverse(latest);
        return latest;
    }

    @Transactional
    public ChatMessage appendUser(UUID conversationId, String text, TextAnalysis analysis) {
        ChatMessage message = message(conversationId, ChatMessage.USER, text);
        if (analysis != null) {
            if (analysis.emotion() != null) {
                message.emotionLabel = analysis.emotion().label();
                message.emotionScore = analysis.emotion().score();
            }
            if (analysis.sentiment() != null) {
                message.sentimentLabel = analysis.sentiment().label();
                message.sentimentScore = analysis.sentiment().score();
            }
            message.analysis = write(analysis);
        }
        return save(message);
    }

    @Transactional
    public ChatMessage appendAssistant(UUID conversationId, String text, String backend) {
        ChatMessage message = message(conversationId, ChatMessage.ASSISTANT, text);
        message.backend = backend;
        return save(message);
    }

    /** The user's conversations, most recently active first. */
    @Transactional
    public List<ConversationSummary> list(String user, int limit) {
        List<Conversation> conversations = Conversation.<Conversation>find("userId", Sort.descending("updatedAt"), user)
                .page(0, limit).list();
        if (conversations.isEmpty()) {
            return List.of();
        }
        Map<UUID, Long> counts = new HashMap<>();
        ChatMessage.getEntityManager()
                .createQuery("select m.conversationId, count(m) from ChatMessage m where m.conversationId in :ids "
                        + "group by m.conversationId", Object[].class)
                .setParameter("ids", conversations.stream().map(c -> c.id).toList())
                .getResultList()
                .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return conversations.stream()
                .map(c -> new ConversationSummary(c.id.toString(), c.title, c.createdAt, c.updatedAt,
                        counts.getOrDefault(c.id, 0L)))
                .toList();
    }

    /**
     * Up to {@code limit} messages of the user's conversation, oldest first: the newest ones, or those just
     * before message {@code before} (an id) when given. One row more is read to tell whether older ones exist.
     */
    @Transactional
    public ConversationView view(String user, String id, Long before, int limit) {
        Conversation conversation = owned(user, id);
        List<ChatMessage> page = new ArrayList<>(before == null
                ? ChatMessage.<ChatMessage>find("conversationId", Sort.descending("id"), conversation.id)
                        .page(0, limit + 1).list()
                : ChatMessage.<ChatMessage>find("conversationId = ?1 and id < ?2", Sort.descending("id"),
                        conversation.id, before).page(0, limit + 1).list());
        boolean hasOlder = page.size() > limit;
        if (hasOlder) {
            page.remove(page.size() - 1);
        }
        Collections.reverse(page);
        return new ConversationView(conversation.id.toString(), conversation.title, conversation.createdAt,
                conversation.updatedAt, page.stream().map(this::viewOf).toList(), hasOlder);
    }

    private Conversation owned(String user, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("conversationId must be a UUID issued by this service");
        }
        Conversation conversation = Conversation.findById(uuid);
        if (conversation == null || !conversation.userId.equals(user)) {
            throw ProblemException.notFound("no conversation " + uuid + " for this user");
        }
        return conversation;
    }

    private ChatMessage message(UUID conversationId, String role, String text) {
        ChatMessage message = new ChatMessage();
        message.conversationId = conversationId;
        message.role = role;
        message.content = text;
        message.createdAt = Instant.now();
        return message;
    }

    private ChatMessage save(ChatMessage message) {
        message.persist();
        Conversation.update("updatedAt = ?1 where id = ?2", message.createdAt, message.conversationId);
        return message;
    }

    private ConversationView.Message viewOf(ChatMessage m) {
        return new ConversationView.Message(m.id, m.role, m.content, m.createdAt, read(m.analysis), m.backend);
    }

    private String write(TextAnalysis analysis) {
        try {
            return json.writeValueAsString(analysis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TextAnalysis read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, TextAnalysis.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("unreadable stored analysis: %s", e.getMessage());
            return null;
        }
    }

    static String titleOf(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= TITLE_LENGTH ? oneLine : oneLine.substring(0, TITLE_LENGTH - 1).stripTrailing() + "…";
    }
}
