package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditRecord;
import dev.hush.config.GatewaySettings;
import dev.hush.pipeline.Caller;
import dev.hush.policy.PolicyRule;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an audit record holds: where the identity came from, the rule behind each decision, and no raw value. */
class GatewayAuditContentTest {
    static final SecureRandom RND = new SecureRandom();
    GatewayFixture fx;

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    /** A fresh address of the usual shape, so no test value is a labelled one. */
    static String email() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append((char) ('a' + RND.nextInt(26)));
        }
        return b + ".m" + RND.nextInt(1000) + "@example.org";
    }

    @Test
    void justificationIsStoredMaskedWithItsFindingsKeyedHashes() throws Exception {
        fx = new GatewayFixture(c -> c.policy.standingJustification = true);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String mail = email();
        String body = GatewayChatTest.chat("summarise this TOP SECRET memo for " + mail);
        HttpResponse<String> ok = fx.post("/openai/v1/chat/completions", body,
                "X-Hush-Justification", "legal approved; ask " + mail);
        assertEquals(200, ok.statusCode());
        AuditRecord r = fx.audit.last();
        assertEquals("warn", r.action());
        assertFalse(r.justification().contains(mail), r.justification());
        assertTrue(r.justification().startsWith("legal approved; ask [PII.EMAIL "), r.justification());
        assertEquals(1, r.justificationFindings().size());
        AuditFinding jf = r.justificationFindings().get(0);
        String requestHash = r.findings().stream().filter(f -> f.type().equals("PII.EMAIL")).findFirst().orElseThrow().hash();
        assertEquals(requestHash, jf.hash(), "the same value correlates by its keyed hash");
        assertFalse(r.toString().contains(mail));
    }

    @Test
    void identitySourceAndThePolicyRuleBehindEveryDecisionAllowIncluded() throws Exception {
        fx = new GatewayFixture(c -> {
            c.policy.rules.add(new PolicyRule("let-pii-through", "PII.*", "allow"));
            GatewaySettings.VirtualKey vk = new GatewaySettings.VirtualKey();
            vk.provider = "openai";
            vk.key = "sk-provider";
            vk.user = "ann";
            c.gateway.virtualKeys.put("hush-vk-ann", vk);
        });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String mail = email();
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("write to " + mail), "X-Hush-User", "bo");
        AuditRecord r = fx.audit.last();
        assertEquals("allow", r.action());
        assertEquals(Caller.HEADER, r.identity(), "X-Hush-User from loopback, a trusted proxy by default");
        assertEquals("let-pii-through", r.reason());
        assertEquals("let-pii-through", r.findings().get(0).policyRule());
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"), "Authorization", "Bearer hush-vk-ann",
                "X-Hush-User", "mallory");
        assertEquals("ann", fx.audit.last().user());
        assertEquals(Caller.VIRTUAL_KEY, fx.audit.last().identity());
    }

    @Test
    void everyDecisionRecordsItsPolicyRuleOnEachFindingAndWhereTheIdentityCameFrom() throws Exception {
        fx = new GatewayFixture(c -> {
            PolicyRule redact = new PolicyRule("ann-redacts-mail", "PII.EMAIL", "redact");
            redact.users = java.util.List.of("ann");
            c.policy.rules.add(redact);
        });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String path = "/openai/v1/chat/completions";
        String[][] cases = {
            // text, headers..., expected action, rule, identity
            {"deploy with " + TestScanners.AWS_KEY, "block", "default-credentials", Caller.KEY},
            {"summarise this TOP SECRET memo", "warn", "default-confidential", Caller.KEY},
            {"write to " + email(), "pseudonymize", "default-pii", Caller.KEY},
        };
        for (String[] c : cases) {
            fx.post(path, GatewayChatTest.chat(c[0]), "Authorization", "Bearer sk-team-key");
            AuditRecord r = fx.audit.last();
            assertEquals(c[1], r.action(), c[0]);
            assertEquals(c[2], r.reason(), c[0]);
            assertEquals(c[3], r.identity(), c[0]);
            assertFalse(r.findings().isEmpty());
            r.findings().forEach(f -> assertEquals(c[2], f.policyRule(), f.type()));
        }
        fx.post(path, GatewayChatTest.chat("write to " + email()), "X-Hush-User", "ann");
        AuditRecord red = fx.audit.last();
        assertEquals("redact", red.action());
        assertEquals("ann-redacts-mail", red.reason());
        assertEquals("ann-redacts-mail", red.findings().get(0).policyRule());
        assertEquals(Caller.HEADER, red.identity());
        assertEquals("ann", red.user());
        fx.post(path, GatewayChatTest.chat("hello there"));
        AuditRecord clean = fx.audit.last();
        assertEquals("allow", clean.action());
        assertTrue(clean.findings().isEmpty(), "nothing found: no rule applied");
        assertEquals(Caller.ADDRESS, clean.identity());
    }

    @Test
    void findingsPerRecordAreCappedAndTheRestCounted() throws Exception {
        fx = new GatewayFixture(c -> c.audit.maxFindingsPerRecord = 2);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        StringBuilder text = new StringBuilder("mail ");
        for (int i = 0; i < 5; i++) {
            text.append(email()).append(" and ");
        }
        fx.post("/openai/v1/chat/completions", GatewayChatTest.chat(text.toString()));
        AuditRecord r = fx.audit.last();
        assertEquals(2, r.findings().size());
        assertEquals(3, r.findingsOmitted());
    }

    @Test
    void userModelAndPathAreBoundedAndAValueInThePathIsMasked() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String mail = email();
        String gem = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
        fx.post("/gemini/v1beta/models/" + mail + ":generateContent", gem, "X-Hush-User", "u".repeat(2000));
        AuditRecord r = fx.audit.last();
        assertFalse(r.endpoint().contains(mail), r.endpoint());
        assertTrue(r.endpoint().contains("[PII.EMAIL "), r.endpoint());
        assertTrue(r.user().length() < 300, "user bounded: " + r.user().length());
        assertTrue(r.user().endsWith("(+1744 chars)"), r.user());
        String model = "m\u0007odel-" + "x".repeat(300);
        fx.post("/openai/v1/chat/completions", "{\"model\":\"" + model.replace("\u0007", "\\u0007")
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String m = fx.audit.last().model();
        assertTrue(m.startsWith("m\uFFFDodel-"), m);
        assertTrue(m.length() < 160, "model bounded: " + m.length());
    }
}
