package dev.hush.audit;

import dev.hush.config.AuditSettings;
import java.time.Instant;
import java.util.List;

/** Records and settings shared by the audit tests. */
final class AuditFixtures {
    private AuditFixtures() {
    }

    static AuditSettings settings() {
        AuditSettings s = new AuditSettings();
        s.fsync = true;
        return s;
    }

    static AuditRecord record(int i) {
        AuditFinding f = new AuditFinding("PII.EMAIL", "pii.email", "messages[0].content", 10, 30,
                "hmac:" + Integer.toHexString(i), "j…m (20 chars)", "pseudonymize");
        return new AuditRecord(Instant.parse("2026-11-28T12:00:00Z").plusMillis(i), "req-" + i, "user-" + (i % 7),
                "openai", "/v1/chat/completions", "gpt-4o-mini", "pseudonymize", "policy:pii-default", null,
                List.of(f), List.of(), 4096, 250, 200, 12);
    }
}
