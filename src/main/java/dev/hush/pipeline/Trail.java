package dev.hush.pipeline;

import dev.hush.audit.AuditFinding;
import java.time.Instant;
import java.util.List;

/**
 * What the audit stage will record about a request, as far as the stages have got. Each stage hands on a
 * new value; whatever stage refuses, the record says what was known at that point.
 */
record Trail(Instant time, String requestId, String adapter, String endpoint, String host, Caller caller, String model,
        List<String> notScanned, Inspection inspection, String action, String reason, String justification,
        List<AuditFinding> findings) {

    static Trail start(String adapter, String endpoint, Caller caller) {
        return start(adapter, null, endpoint, caller);
    }

    /** @param host the destination host (the intercepted app's, or the gateway's upstream), or null */
    static Trail start(String adapter, String host, String endpoint, Caller caller) {
        return new Trail(Instant.now(), RequestIds.next(), adapter, endpoint, host, caller, null, List.of(), null, "allow",
                null, null, List.of());
    }

    Trail identified(Caller c) {
        return new Trail(time, requestId, adapter, endpoint, host, c, model, notScanned, inspection, action, reason,
                justification, findings);
    }

    Trail extracted(String m, List<String> ns) {
        return new Trail(time, requestId, adapter, endpoint, host, caller, m, ns, inspection, action, reason,
                justification, findings);
    }

    Trail decided(Inspection in, Outcome o) {
        return new Trail(time, requestId, adapter, endpoint, host, caller, model, notScanned, in, o.action(), o.reason(),
                o.justification(), o.findings());
    }

    /** The request is answered by Hush: the action becomes the refusal's, the reason the most specific known. */
    Trail refused(String refusalAction, String why) {
        return new Trail(time, requestId, adapter, endpoint, host, caller, model, notScanned, inspection, refusalAction,
                why, "warn".equals(refusalAction) ? justification : null, findings);
    }
}
