package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.ScanContext;
import dev.hush.detect.Scanner;
import dev.hush.detect.pii.EmailDetector;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.TextSlot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan budget and a gone client stop a scan inside a text, and the inspection says why. */
class InspectorTest {
    private static final Destination DEST = new Destination("openai", "m", "upstream", "u", Set.of());

    private static ExtractedRequest request(String text) {
        return new ExtractedRequest(List.of(new TextSlot("messages[0].content", text, t -> { })), List.of(), "m", null, null);
    }

    private static Inspector inspector(int budgetMs) {
        Scanner scanner = new Scanner(List.of(new EmailDetector()), "t");
        return new Inspector(new ScanCache(scanner, 100), new Policy(List.of()), budgetMs);
    }

    @Test
    void aGoneClientStopsTheScanMidText() throws Exception {
        // one text of 3 M chars: only a check inside the scan can stop it
        ExtractedRequest er = request("a@".repeat(1_500_000));
        Inspector ri = inspector(60_000);
        ScanContext ctx = ri.newContext();
        ctx.cancel();
        Inspection in = ri.inspect(er, DEST, ctx);
        assertEquals("scan cancelled: the request is gone", in.failure());
        assertTrue(ctx.work() < 3_000_000, "scanned on after cancellation: " + ctx.work());
    }

    @Test
    void anExpiredBudgetStopsTheScan() throws Exception {
        ExtractedRequest er = request("write to jo@example.com ".repeat(50_000));
        Inspection in = inspector(0).inspect(er, DEST);
        assertEquals("scan time budget exceeded", in.failure());
    }

    @Test
    void withinBudgetTheScanFinishes() throws Exception {
        Inspection in = inspector(60_000).inspect(request("write to jo@example.com"), DEST);
        assertNull(in.failure());
        assertEquals(1, in.verdict().decisions().size());
    }
    /**
     * A long text's digest is kept for the conversation id, and the UTF-8 byte count stays what counting the
     * characters gives (ASCII, other text, an unpaired surrogate).
     */
    @Test
    void keepsLongTextsDigestsAndCountsTheirBytes() {
        String ascii = "write to jo@example.com about the plan for the next quarter, and the budget too.";
        String other = "caf\u00e9 \ud83d\ude00 and a lone \ud83d surrogate, long enough to be keyed by its digest here";
        for (String text : List.of(ascii, other, "short")) {
            ExtractedRequest er = request(text);
            Inspection in = inspector(60_000).inspect(er, DEST);
            assertEquals(Inspector.utf8Length(text), in.bytesScanned(), text);
            byte[] kept = in.digestOf(er.slots().get(0).text());
            if (text.length() < ScanCache.MIN_COUNTED) {
                assertNull(kept);
            } else {
                org.junit.jupiter.api.Assertions.assertArrayEquals(
                        ScanCache.utf8Digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), kept);
            }
            assertNull(in.digestOf(new String(text)), "only the slot's own string");
        }
    }
}
