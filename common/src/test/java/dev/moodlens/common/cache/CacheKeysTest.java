package dev.moodlens.common.cache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheKeysTest {

    /** Review finding 17: Redis keys were the user id or the unsalted SHA-256 of journal text, readable and guessable. */
    @Test
    void finding17KeysAreKeyedHashesThatNameNoUserAndNoText() {
        String key = new CacheKeys("secret-a").of("chat-context", "alice");
        assertTrue(key.startsWith("moodlens:v1:chat-context:"));
        assertFalse(key.contains("alice"));
        assertEquals(key, new CacheKeys("secret-a").of("chat-context", "alice"), "same secret, same key: replicas share entries");
        assertNotEquals(key, new CacheKeys("secret-b").of("chat-context", "alice"), "another secret, another key");
        assertNotEquals(key, new CacheKeys("secret-a").of("analysis", "alice"), "namespaces never collide");
        assertNotEquals(new CacheKeys(null).of("n", "k"), new CacheKeys(null).of("n", "k"), "no secret: one per process");
    }
}
