package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hush.adapter.ExtractedRequest;
import dev.hush.policy.PolicyAction;
import dev.hush.redact.PseudonymVault;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rewrite stage alone: original bytes when nothing changes, every occurrence rewritten, per-caller conversations. */
class RewriterTest {
    final PseudonymVault vault = new PseudonymVault(Duration.ofMinutes(5), 100);
    final Rewriter rewriter = new Rewriter(vault);
    final Decider decider = new Decider(StageFixtures.KEY, false);

    @Test
    void nothingToRewriteForwardsTheOriginalBuffer() {
        String body = "{ \"q\" : \"hello\" }";
        Buffer original = Buffer.buffer(body);
        ExtractedRequest er = StageFixtures.extract(body);
        Inspection in = StageFixtures.inspection(er, "absent", "PII.EMAIL", PolicyAction.PSEUDONYMIZE);
        Rewriter.Rewritten rw = rewriter.rewrite(original, er, in, decider.decide(in, null), "conv-1");
        assertSame(original, rw.body());
        assertNull(rw.pseudonyms(), "a conversation without placeholders has nothing to restore");
    }

    @Test
    void aValueThatAppearsTwiceIsRewrittenEverywhereWithOnePlaceholder() {
        String email = "gil@corp.example";
        String body = "{\"a\":\"to " + email + "\",\"b\":[\"cc " + email + "\"]}";
        ExtractedRequest er = StageFixtures.extract(body);
        Inspection in = StageFixtures.inspection(er, email, "PII.EMAIL", PolicyAction.PSEUDONYMIZE);
        Rewriter.Rewritten rw = rewriter.rewrite(Buffer.buffer(body), er, in, decider.decide(in, null), "conv-2");
        assertEquals("{\"a\":\"to <EMAIL_1>\",\"b\":[\"cc <EMAIL_1>\"]}", rw.body().toString());
        assertNotNull(rw.pseudonyms());
        assertEquals(email, rw.pseudonyms().original("<EMAIL_1>"));
    }

    @Test
    void conversationsAreScopedByCaller() {
        Caller ann = new Caller("ann", Set.of(), null, null, null, Caller.ADDRESS);
        Caller bob = new Caller("bob", Set.of(), null, null, null, Caller.ADDRESS);
        Caller keyed = new Caller("ann", Set.of(), "fp-1", null, null, Caller.KEY);
        String a = Rewriter.conversationId(ann, null, "first message");
        assertEquals(a, Rewriter.conversationId(ann, null, "first message"));
        assertEquals(32, a.length());
        assertNotEquals(a, Rewriter.conversationId(bob, null, "first message"));
        assertNotEquals(a, Rewriter.conversationId(keyed, null, "first message"));
        assertNotEquals(a, Rewriter.conversationId(ann, "first message", "first message"), "a given id is its own namespace");
        // two people behind one shared key, sending the same conversation id, never share a pseudonym map
        Caller carl = new Caller("carl", Set.of(), "fp-1", null, null, Caller.HEADER);
        assertNotEquals(Rewriter.conversationId(keyed, "conv-7", "x"), Rewriter.conversationId(carl, "conv-7", "x"));
        assertEquals(Rewriter.conversationId(carl, "conv-7", "x"), Rewriter.conversationId(carl, "conv-7", "y"));
        // the inspection's digest of the first message gives the id computing it would give
        String first = "first message, long enough to be keyed by its digest in the scan cache: caf\u00e9 \ud83d\ude00";
        byte[] d = ScanCache.utf8Digest(first.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Rewriter.conversationId(keyed, null, first), Rewriter.conversationId(keyed, null, first, d));
        assertNotEquals(Rewriter.conversationId(keyed, null, first), Rewriter.conversationId(keyed, null, first + "!"));
    }
}
