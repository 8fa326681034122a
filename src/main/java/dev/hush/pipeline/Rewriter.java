package dev.hush.pipeline;

import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.TextEdits;
import dev.hush.adapter.TextSlot;
import dev.hush.policy.Decision;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PseudonymVault;
import dev.hush.redact.TextRewriter;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Rewrite stage: redacts and pseudonymizes the slots that need it and has the adapter encode the body
 * again; when nothing is rewritten the original bytes go upstream untouched. Also names the conversation
 * whose placeholders the answer will be restored with.
 */
final class Rewriter {
    private final PseudonymVault vault;

    Rewriter(PseudonymVault vault) {
        this.vault = vault;
    }

    /**
     * The body to send and the placeholders to restore in the answer.
     *
     * @param body            the body to forward
     * @param pseudonyms      the conversation's placeholders, or null when it has none (answer passes unchanged)
     */
    record Rewritten(Buffer body, ConversationPseudonyms pseudonyms) {
    }

    Rewritten rewrite(Buffer original, ExtractedRequest er, Inspection in, Outcome out, String conversationId) {
        Buffer body = original;
        if (out.rewrite()) {
            ConversationPseudonyms conv = vault.conversation(conversationId);
            for (Map.Entry<TextSlot, List<Decision>> e : in.bySlot().entrySet()) {
                String text = e.getKey().text();
                TextEdits edits = new TextEdits();
                String next = TextRewriter.rewrite(text, e.getValue(), conv, edits::add);
                if (!next.equals(text)) {
                    // the spans let a JSON body keep the rest of the string's bytes instead of quoting it all again
                    e.getKey().replace(next, edits);
                }
            }
            // the encoder's array is this body's alone: wrapped, not copied again (Buffer.buffer(byte[]) copies)
            body = io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(er.encoder().encode()));
        }
        ConversationPseudonyms p = vault.existing(conversationId);
        return new Rewritten(body, p == null || p.size() == 0 ? null : p);
    }

    /**
     * Placeholders are per conversation, and conversations are per caller: the client's own id or the first
     * message, both namespaced by the person and the key so another user or key can never have someone's originals restored.
     */
    static String conversationId(Caller caller, String givenId, String seed) {
        return conversationId(caller, givenId, seed, null);
    }

    /**
     * @param seedDigest SHA-256 of the seed's UTF-8 bytes when the inspection has it ({@link Inspection#digestOf}),
     *                   else null (computed here): the first message is hashed once per request, not twice
     */
    static String conversationId(Caller caller, String givenId, String seed, byte[] seedDigest) {
        // before the outer digest starts: both use this thread's one MessageDigest
        byte[] inner = givenId != null ? null
                : seedDigest != null ? seedDigest : ScanCache.utf8Digest(seed.getBytes(StandardCharsets.UTF_8));
        // the person and the key: two users of one key never share a map, whatever id they send
        MessageDigest md = Sha256.digest();
        md.update(caller.user().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update((caller.keyFingerprint() == null ? "" : caller.keyFingerprint()).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        // "h:" + the id, or "d:" + SHA-256 of the first message (the digest its scan was keyed by)
        md.update((byte) (givenId != null ? 'h' : 'd'));
        md.update((byte) ':');
        md.update(givenId != null ? givenId.getBytes(StandardCharsets.UTF_8) : inner);
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }
}
