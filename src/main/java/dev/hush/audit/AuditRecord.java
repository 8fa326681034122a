package dev.hush.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit record per proxied request. The chain fields ({@code seq}, {@code prev}, {@code hash}) are
 * filled in by the log when the record is appended, not by the caller.
 *
 * @param time             when the request arrived
 * @param requestId        Hush's id for the request (also returned to the client as {@code X-Hush-Request-Id})
 * @param user             proxy or {@code X-Hush-User} identity, else {@code key:<fingerprint>}, else {@code ip:<addr>}
 * @param provider         openai, azure, anthropic, gemini, or another adapter name
 * @param endpoint         request path without query
 * @param model            model name when known, else null
 * @param action           the verdict: allow, redact, pseudonymize, warn, block, error
 * @param reason           short reason for the verdict (e.g. policy rule id, scan timeout), never a value
 * @param justification    text of {@code X-Hush-Justification} when a warning was overridden, else null
 * @param findings         what was found
 * @param notScanned       parts that could not be scanned (e.g. {@code messages[1].content[0]: image})
 * @param bytesScanned     UTF-8 bytes of text scanned
 * @param scanMicros       time spent scanning
 * @param upstreamStatus   HTTP status from the provider, or 0 when not forwarded
 * @param upstreamMillis   provider latency to the response head, or -1 when not forwarded
 * @param host             the destination host (an intercepted app's, or the gateway's upstream), or null
 * @param identity         where the user came from (proxy-auth, jwt, virtual-key, header, key, address), or null
 * @param findingsOmitted  findings beyond {@code audit.maxFindingsPerRecord}, counted but not listed
 * @param justificationFindings what the scan found in the justification (it is stored masked)
 * @param stage            null for a request's one record; {@link #DECISION} for the line appended before a request
 *                         goes upstream (no upstream status yet), {@link #OUTCOME} for the line appended when the
 *                         answer's head arrives (same requestId). An outcome record carries the decision's fields
 *                         too, for sinks that want one object, but the chained log writes only the chain members,
 *                         time, requestId, stage and the upstream's status and time (docs/audit.md)
 */
public record AuditRecord(Instant time, String requestId, String user, String provider, String endpoint,
        String model, String action, String reason, String justification, List<AuditFinding> findings,
        List<String> notScanned, long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis,
        String host, String identity, int findingsOmitted, List<AuditFinding> justificationFindings, String stage) {

    /** The line written before the request goes upstream; its sync overlaps the upstream call. */
    public static final String DECISION = "decision";
    /** The line written when the upstream's answer head arrives; nothing waits for its sync. */
    public static final String OUTCOME = "outcome";

    public AuditRecord(Instant time, String requestId, String user, String provider, String endpoint, String model,
            String action, String reason, String justification, List<AuditFinding> findings, List<String> notScanned,
            long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis, String host, String identity,
            int findingsOmitted, List<AuditFinding> justificationFindings) {
        this(time, requestId, user, provider, endpoint, model, action, reason, justification, findings, notScanned,
                bytesScanned, scanMicros, upstreamStatus, upstreamMillis, host, identity, findingsOmitted,
                justificationFindings, null);
    }

    public AuditRecord(Instant time, String requestId, String user, String provider, String endpoint, String model,
            String action, String reason, String justification, List<AuditFinding> findings, List<String> notScanned,
            long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis) {
        this(time, requestId, user, provider, endpoint, model, action, reason, justification, findings, notScanned,
                bytesScanned, scanMicros, upstreamStatus, upstreamMillis, null, null, 0, List.of());
    }

    public AuditRecord(Instant time, String requestId, String user, String provider, String endpoint, String model,
            String action, String reason, String justification, List<AuditFinding> findings, List<String> notScanned,
            long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis, String host) {
        this(time, requestId, user, provider, endpoint, model, action, reason, justification, findings, notScanned,
                bytesScanned, scanMicros, upstreamStatus, upstreamMillis, host, null, 0, List.of());
    }

    public AuditRecord {
        findings = findings == null ? List.of() : List.copyOf(findings);
        notScanned = notScanned == null ? List.of() : List.copyOf(notScanned);
        justificationFindings = justificationFindings == null ? List.of() : List.copyOf(justificationFindings);
        if (stage != null && !DECISION.equals(stage) && !OUTCOME.equals(stage)) {
            throw new IllegalArgumentException("stage must be null, decision or outcome");
        }
    }

    /** This record as a decision line: not forwarded yet, so no upstream status or time. */
    public AuditRecord asDecision() {
        return new AuditRecord(time, requestId, user, provider, endpoint, model, action, reason, justification,
                findings, notScanned, bytesScanned, scanMicros, 0, -1, host, identity, findingsOmitted,
                justificationFindings, DECISION);
    }

    /** The outcome line that follows this decision: the upstream's status and time to the answer's head. */
    public AuditRecord outcome(int status, long millis) {
        return new AuditRecord(time, requestId, user, provider, endpoint, model, action, reason, justification,
                findings, notScanned, bytesScanned, scanMicros, status, millis, host, identity, findingsOmitted,
                justificationFindings, OUTCOME);
    }

    public boolean isDecision() {
        return DECISION.equals(stage);
    }

    public boolean isOutcome() {
        return OUTCOME.equals(stage);
    }
}
