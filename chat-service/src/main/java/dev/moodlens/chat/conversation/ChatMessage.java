package dev.moodlens.chat.conversation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of a conversation. User messages carry the emotion and sentiment found for them
 * (null when the inference service was unavailable); assistant messages carry the backend that wrote them.
 */
@Entity
@Table(name = "chat_message")
public class ChatMessage extends PanacheEntityBase {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(nullable = false)
    public String role;

    @Column(nullable = false)
    public String content;

    @Column(name = "emotion_label")
    public String emotionLabel;

    @Column(name = "emotion_score")
    public Double emotionScore;

    @Column(name = "sentiment_label")
    public String sentimentLabel;

    @Column(name = "sentiment_score")
    public Double sentimentScore;

    /** The whole analysis (both tasks, every label's score) as JSON text. */
    public String analysis;

    public String backend;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
