package dev.hush.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.adapter.TextSlot;
import dev.hush.audit.KeyedHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Warn with justification for browsers, which cannot send {@code X-Hush-Justification}: a held request gets a
 * one-time link (a random token naming the user and the exact content by keyed hash); the user gives a reason
 * on the admin port's {@code /justify} page, which grants one pass for that user and that content for a few
 * minutes; the retry of the same content consumes it and goes through as a justified warning. Tokens and
 * passes live in memory only (bounded, expiring).
 */
public final class JustificationPasses {
    static final Duration TOKEN_TTL = Duration.ofMinutes(15);
    static final Duration PASS_TTL = Duration.ofMinutes(5);
    private static final SecureRandom RND = new SecureRandom();
    private final KeyedHash keyHash;
    private final Cache<String, Held> held = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TOKEN_TTL).build();
    private final Cache<String, String> passes = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(PASS_TTL).build();

    /**
     * A request held for a reason.
     *
     * @param user    who sent it
     * @param content keyed hash of its texts
     * @param app     the adapter's name
     * @param host    the destination host
     * @param endpoint the path it went to
     * @param message the warning shown (masked previews only)
     */
    public record Held(String user, String content, String app, String host, String endpoint, String message) {
    }

    JustificationPasses(KeyedHash keyHash) {
        this.keyHash = keyHash;
    }

    /** The keyed hash naming exactly these texts (in body order). */
    String content(List<TextSlot> slots) {
        StringBuilder b = new StringBuilder();
        for (TextSlot s : slots) {
            b.append(s.text()).append('\u0000');
        }
        return keyHash.of(b);
    }

    /** Remembers a held request; returns the token for its link. */
    String hold(Held h) {
        byte[] t = new byte[18];
        RND.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        held.put(token, h);
        return token;
    }

    /** The held request a token names, or null when unknown or expired. */
    public Held held(String token) {
        return token == null ? null : held.getIfPresent(token);
    }

    /** Grants one pass for the token's user and content with this (already masked) reason; false when the token is gone. */
    public boolean grant(String token, String maskedReason) {
        Held h = held(token);
        if (h == null) {
            return false;
        }
        held.invalidate(token);
        passes.put(h.user() + '\u0000' + h.content(), maskedReason);
        return true;
    }

    /** Takes the pass for this user and content, if any: its reason, once. */
    String consume(String user, String content) {
        String key = user + '\u0000' + content;
        String reason = passes.getIfPresent(key);
        if (reason != null) {
            passes.invalidate(key);
        }
        return reason;
    }
}
