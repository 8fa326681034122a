package dev.hush.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.audit.AuditFinding;
import dev.hush.audit.KeyedHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * Warn with justification: a held request gets a one-time token naming the user and what was warned about (the
 * warned findings' keyed hashes, {@link #content}). API callers retry with it ({@code X-Hush-Override}) and a reason
 * ({@code X-Hush-Justification}); browsers, which cannot send headers, get a link: the user gives a reason
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
     * @param content keyed hash of what was warned about ({@link #content})
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

    /**
     * The keyed hash naming what a warning is about: the distinct warned findings (type and keyed hash of the value)
     * and the parts that could not be read, not the whole text. A retry that adds an unrelated clean sentence (or
     * a newer turn of the conversation) names the same; one that adds another warned value, or a part, does not
     * (and a new secret is blocked before any pass is looked at).
     */
    String content(List<AuditFinding> findings, List<String> notScanned) {
        TreeSet<String> warned = new TreeSet<>();
        for (AuditFinding f : findings) {
            if ("warn".equals(f.action())) {
                warned.add("f\u0000" + f.type() + '\u0000' + f.hash());
            }
        }
        for (String part : notScanned) {
            warned.add("p\u0000" + part);
        }
        StringBuilder b = new StringBuilder();
        for (String w : warned) {
            b.append(w).append('\u0001');
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

    /**
     * The API form of a pass: the retry presents the warning's token ({@code X-Hush-Override}) with its reason.
     * True once, and only for the user who was warned and exactly the content warned about.
     */
    boolean redeem(String token, String user, String content) {
        Held h = held(token);
        if (h == null || !h.user().equals(user) || !h.content().equals(content)) {
            return false;
        }
        held.invalidate(token);
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
