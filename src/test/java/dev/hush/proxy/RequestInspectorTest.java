package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.detect.ScanContext;
import dev.hush.detect.Scanner;
import dev.hush.detect.pii.EmailDetector;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.provider.ExtractedRequest;
import dev.hush.provider.ProviderAdapters;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scan budget and a gone client stop a scan inside a text, and the inspection says why. */
class RequestInspectorTest {
    private static final Destination DEST = new Destination("openai", "m", "upstream", "u", Set.of());

    private static ExtractedRequest request(String text) throws Exception {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("model", "m");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return ProviderAdapters.get("openai").extract(body, "/v1/chat/completions");
    }

    private static RequestInspector inspector(int budgetMs) {
        Scanner scanner = new Scanner(List.of(new EmailDetector()), "t");
        return new RequestInspector(new ScanCache(scanner, 100), new Policy(List.of()), budgetMs);
    }

    @Test
    void aGoneClientStopsTheScanMidText() throws Exception {
        // one text of 3 M chars: only a check inside the scan can stop it
        ExtractedRequest er = request("a@".repeat(1_500_000));
        RequestInspector ri = inspector(60_000);
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
}
