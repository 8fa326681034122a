package dev.hush.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyTest {
    static final Destination OPENAI = new Destination("openai", "gpt-4o", "api.openai.com", "alice", Set.of("eng"));

    static Finding f(String type) {
        return new Finding(0, 5, type, "r", 0.9);
    }

    @Test
    void secureDefaults() {
        Policy p = new Policy(List.of());
        assertEquals(PolicyAction.BLOCK, p.decide(f("SECRET.AWS_ACCESS_KEY_ID"), OPENAI).action());
        assertEquals(PolicyAction.BLOCK, p.decide(f("CUSTOM.codenames"), OPENAI).action());
        assertEquals(PolicyAction.BLOCK, p.decide(f("EDM.CUSTOMER"), OPENAI).action());
        assertEquals(PolicyAction.PSEUDONYMIZE, p.decide(f("PII.EMAIL"), OPENAI).action());
        assertEquals(PolicyAction.WARN, p.decide(f("CONFIDENTIAL.DOCUMENT"), OPENAI).action());
        assertEquals("default-credentials", p.decide(f("SECRET.X"), OPENAI).ruleId());
    }

    @Test
    void firstMatchWinsAndDestinationAndGroupNarrowARule() {
        PolicyRule local = new PolicyRule("azure-pii-ok", "PII.*", "allow");
        local.providers = new ArrayList<>(List.of("azure"));
        PolicyRule eng = new PolicyRule("eng-email-redact", "PII.EMAIL", "redact");
        eng.groups = new ArrayList<>(List.of("eng"));
        eng.models = new ArrayList<>(List.of("gpt-4*"));
        Policy p = new Policy(List.of(local, eng));
        assertEquals(PolicyAction.REDACT, p.decide(f("PII.EMAIL"), OPENAI).action());
        assertEquals(PolicyAction.PSEUDONYMIZE, p.decide(f("PII.PHONE"), OPENAI).action());
        Destination azure = new Destination("azure", "prod-gpt", "x.openai.azure.com", "bob", Set.of());
        assertEquals(PolicyAction.ALLOW, p.decide(f("PII.EMAIL"), azure).action());
        Destination claude = new Destination("anthropic", "claude", "api.anthropic.com", "bob", Set.of("eng"));
        assertEquals(PolicyAction.PSEUDONYMIZE, p.decide(f("PII.EMAIL"), claude).action(), "model glob gpt-4* does not match");
    }

    @Test
    void aRequestsDeciderMatchesEachTypeAsTheRuleListDoes() {
        PolicyRule local = new PolicyRule("azure-pii-ok", "PII.*", "allow");
        local.providers = new ArrayList<>(List.of("azure"));
        PolicyRule eng = new PolicyRule("eng-email-redact", "PII.EMAIL", "redact");
        eng.groups = new ArrayList<>(List.of("eng"));
        PolicyRule cards = new PolicyRule("cards-warn", "pii.credit_*", "warn");
        Policy p = new Policy(List.of(local, eng, cards));
        String[] types = {"PII.EMAIL", "PII.PHONE", "SECRET.GITHUB_TOKEN", "PII.CREDIT_CARD", "CUSTOM.codenames",
            "CONFIDENTIAL.DOCUMENT", "OTHER.THING", "pii.email"};
        java.util.Random random = new java.util.Random(11);
        for (Destination d : List.of(OPENAI, new Destination("azure", "prod", "x.openai.azure.com", "bob", Set.of()))) {
            Policy.ForDestination decider = p.forDestination(d);
            // runs of one type, switches back to types seen before, and types seen for the first time late
            for (int i = 0; i < 400; i++) {
                Finding finding = f(types[random.nextInt(i < 200 ? 4 : types.length)]);
                Decision once = decider.decide(finding);
                Decision each = p.decide(finding, d);
                assertEquals(each.action(), once.action(), finding.type() + " to " + d.provider());
                assertEquals(each.ruleId(), once.ruleId(), finding.type() + " to " + d.provider());
                assertTrue(once.finding() == finding, "the decision is about this finding");
            }
        }
    }

    @Test
    void verdictIsTheStrongestAction() {
        Decision allow = new Decision(f("A"), PolicyAction.ALLOW, "r");
        Decision red = new Decision(f("B"), PolicyAction.REDACT, "r");
        Decision pse = new Decision(f("C"), PolicyAction.PSEUDONYMIZE, "r");
        Decision warn = new Decision(f("D"), PolicyAction.WARN, "r");
        Decision block = new Decision(f("E"), PolicyAction.BLOCK, "r");
        assertEquals(PolicyAction.ALLOW, Verdict.of(List.of()).action());
        assertEquals(PolicyAction.PSEUDONYMIZE, Verdict.of(List.of(allow, red, pse)).action());
        assertEquals(PolicyAction.WARN, Verdict.of(List.of(pse, warn, red)).action());
        assertEquals(PolicyAction.BLOCK, Verdict.of(List.of(warn, block, allow)).action());
    }

    @Test
    void globsAndValidation() {
        assertTrue(Glob.matches("SECRET.*", "secret.aws_key"));
        assertTrue(Glob.matches("*", "anything"));
        assertTrue(!Glob.matches("PII.EMAIL", "PII.EMAILS"));
        assertTrue(Glob.matches("gpt-*-mini", "gpt-4o-mini"));
        assertTrue(Glob.matches("pii.*", "PII.EMAIL"), "case-insensitive both ways");
        assertTrue(Glob.matches("GPT-4O-*", "gpt-4o-mini"));
        assertTrue(Glob.matches("*mini", "GPT-4O-MINI"));
        assertTrue(!Glob.matches("gpt-4o", "gpt-4o-mini"));
        assertTrue(!Glob.matches("*-max", "gpt-4o-mini"));
        assertTrue(Glob.matches("caf\u00c9*", "caf\u00e9-model"), "non-ASCII letters fold too");
        assertTrue(!Glob.matches("PII.*", null));
        List<String> errors = new ArrayList<>();
        PolicyRule bad = new PolicyRule("x", "PII.*", "shred");
        bad.validate("policy.rules[0]", errors);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("policy.rules[0].action"), errors.toString());
    }
}
