package dev.hush.redact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Placeholder maps of live conversations, in memory only, forgotten after a period without use: the
 * originals needed to restore answers must never be written anywhere.
 */
public final class PseudonymVault {
    private final Cache<String, ConversationPseudonyms> conversations;

    public PseudonymVault(Duration ttl, long maxConversations) {
        // maintenance (read-buffer drains, expiry) on the calling event loop: by default Caffeine hands it to
        // ForkJoinPool.commonPool, a thread wake-up every few requests for work of a few microseconds
        this.conversations = Caffeine.newBuilder().expireAfterAccess(ttl).maximumSize(maxConversations)
                .executor(Runnable::run).build();
    }

    public ConversationPseudonyms conversation(String id) {
        return conversations.get(id, k -> new ConversationPseudonyms());
    }

    /** The map if the conversation is known; restoring never creates one. */
    public ConversationPseudonyms existing(String id) {
        return conversations.getIfPresent(id);
    }
}
