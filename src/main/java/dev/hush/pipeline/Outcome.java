package dev.hush.pipeline;

import dev.hush.adapter.Refusal;
import dev.hush.audit.AuditFinding;
import java.util.List;

/**
 * What the decide stage made of an inspection.
 *
 * @param action        audited action: allow, redact, pseudonymize, warn, block
 * @param reason        policy rule ids (or the scan failure) behind it, or null
 * @param justification the caller's justification, kept only when it overrode a warning
 * @param refusal       the answer to give instead of forwarding, or null to forward
 * @param rewrite       whether slots must be rewritten before forwarding
 * @param findings      audit view of every finding (keyed hash and masked preview, never the value)
 */
public record Outcome(String action, String reason, String justification, Refusal refusal, boolean rewrite,
        List<AuditFinding> findings) {

    public Outcome {
        findings = List.copyOf(findings);
    }

    public boolean forwards() {
        return refusal == null;
    }
}
