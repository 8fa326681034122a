package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.adapter.ExtractedRequest;
import dev.hush.policy.PolicyAction;
import dev.hush.policy.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decide stage alone: refusal texts, justification, scan failures, rewrite outcomes. */
class DeciderTest {
    static final String KEY = "AKIA" + "Q7ZK2M4N6P8R0T3V";
    final Decider decider = new Decider(StageFixtures.KEY, false);

    @Test
    void blockNamesTypeLocationMaskedPreviewAndRulesButNeverTheValue() {
        ExtractedRequest er = StageFixtures.extract("{\"q\":\"use " + KEY + " now\"}");
        Outcome o = decider.decide(StageFixtures.inspection(er, KEY, "SECRET.AWS_ACCESS_KEY_ID", PolicyAction.BLOCK), null);
        assertFalse(o.forwards());
        assertEquals("block", o.action());
        assertEquals("rule-block", o.reason());
        assertEquals(400, o.refusal().status());
        assertEquals("hush_blocked", o.refusal().code());
        assertEquals("q", o.refusal().param());
        String m = o.refusal().message();
        assertTrue(m.startsWith("Hush blocked this request: SECRET.AWS_ACCESS_KEY_ID found in q ["), m);
        assertTrue(m.endsWith("] by detector rule 'test-rule'; policy rule 'rule-block'. Remove it and send again."), m);
        assertFalse(m.contains(KEY));
        assertEquals(1, o.findings().size());
        assertEquals(StageFixtures.KEY.of(KEY), o.findings().get(0).hash());
        assertFalse(o.findings().toString().contains(KEY));
    }

    @Test
    void warnHoldsWithoutJustificationAndPassesWithIt() {
        ExtractedRequest er = StageFixtures.extract("{\"a\":\"TOP SECRET plan\",\"b\":\"TOP SECRET too\"}");
        var in = StageFixtures.inspection(er, "TOP SECRET", "CONFIDENTIAL.MARKER", PolicyAction.WARN);
        Outcome held = decider.decide(in, null);
        assertEquals("hush_warning", held.refusal().code());
        assertEquals("warn", held.refusal().action());
        assertTrue(held.refusal().message().contains("(policy rule 'rule-warn') (and 1 more). If sending it is justified,"
                + " retry with the header 'X-Hush-Justification: <your reason>'."), held.refusal().message());
        assertEquals("hush_warning", decider.decide(in, "  ").refusal().code());

        Outcome passed = decider.decide(in, "customer asked");
        assertTrue(passed.forwards());
        assertEquals("warn", passed.action());
        assertEquals("customer asked", passed.justification());
        assertFalse(passed.rewrite());
    }

    @Test
    void rewritesAreNamedByTheStrongestRewriteAndDropTheJustification() {
        ExtractedRequest er = StageFixtures.extract("{\"q\":\"mail fay@corp.example\"}");
        Outcome p = decider.decide(StageFixtures.inspection(er, "fay@corp.example", "PII.EMAIL", PolicyAction.PSEUDONYMIZE),
                "not needed");
        assertTrue(p.forwards());
        assertTrue(p.rewrite());
        assertEquals("pseudonymize", p.action());
        assertEquals("rule-pseudonymize", p.reason());
        assertNull(p.justification());
        Outcome r = decider.decide(StageFixtures.inspection(er, "fay@corp.example", "PII.EMAIL", PolicyAction.REDACT), null);
        assertEquals("redact", r.action());
        Outcome clean = decider.decide(StageFixtures.inspection(er, "absent", "PII.EMAIL", PolicyAction.BLOCK), null);
        assertEquals("allow", clean.action());
        assertNull(clean.reason());
        assertTrue(clean.findings().isEmpty());
    }

    @Test
    void scanFailureBlocksUnlessConfiguredToForward() {
        ExtractedRequest er = StageFixtures.extract("{\"q\":\"x\"}");
        Inspection failed = new Inspection(er, Map.of(), Verdict.of(List.of()), 1, 1, "scan time budget exceeded");
        Outcome blocked = decider.decide(failed, null);
        assertEquals("hush_scan_failed", blocked.refusal().code());
        assertEquals("Hush could not inspect this request (scan time budget exceeded) and blocked it; retry, or ask"
                + " your administrator", blocked.refusal().message());
        assertEquals("scan time budget exceeded", blocked.reason());
        Outcome forwarded = new Decider(StageFixtures.KEY, true).decide(failed, null);
        assertTrue(forwarded.forwards());
        assertEquals("allow", forwarded.action());
        assertEquals("scan time budget exceeded", forwarded.reason());
    }
}
