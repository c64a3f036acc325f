package dev.moodlens.inference.batch;

/** The batcher's queue cannot take the texts: the caller should answer 503 with Retry-After. */
public class QueueFullException extends RuntimeException {

    public QueueFullException(String message) {
        super(message);
    }
}
