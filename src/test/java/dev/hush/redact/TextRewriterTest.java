package dev.hush.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hush.detect.Finding;
import dev.hush.policy.Decision;
import dev.hush.policy.PolicyAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRewriterTest {

    @Test
    void aRegionRewriteCoversTheValuesInsideIt() {
        String text = "see memo: contact bob@corp.com today. bye";
        Finding region = new Finding(10, 36, "CONFIDENTIAL.DOCUMENT", "fingerprint:legal/memo.txt", 0.8);
        int at = text.indexOf("bob@");
        Finding email = new Finding(at, at + "bob@corp.com".length(), "PII.EMAIL", "pii.email", 0.9);
        String out = TextRewriter.rewrite(text, List.of(
                new Decision(region, PolicyAction.REDACT, "r"), new Decision(email, PolicyAction.REDACT, "r")), null);
        assertEquals("see memo: [REDACTED:CONFIDENTIAL.DOCUMENT]. bye", out);
    }

    @Test
    void valuesInsideARegionThatIsNotRewrittenAreRewrittenAlone() {
        String text = "see memo: contact bob@corp.com today. bye";
        Finding region = new Finding(10, 36, "CONFIDENTIAL.DOCUMENT", "fingerprint:legal/memo.txt", 0.8);
        int at = text.indexOf("bob@");
        Finding email = new Finding(at, at + "bob@corp.com".length(), "PII.EMAIL", "pii.email", 0.9);
        String out = TextRewriter.rewrite(text, List.of(
                new Decision(region, PolicyAction.WARN, "r"), new Decision(email, PolicyAction.REDACT, "r")), null);
        assertEquals("see memo: contact [REDACTED:PII.EMAIL] today. bye", out);
    }
}
