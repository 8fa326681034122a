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
 */
public record AuditRecord(Instant time, String requestId, String user, String provider, String endpoint,
        String model, String action, String reason, String justification, List<AuditFinding> findings,
        List<String> notScanned, long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis,
        String host) {

    public AuditRecord(Instant time, String requestId, String user, String provider, String endpoint, String model,
            String action, String reason, String justification, List<AuditFinding> findings, List<String> notScanned,
            long bytesScanned, long scanMicros, int upstreamStatus, long upstreamMillis) {
        this(time, requestId, user, provider, endpoint, model, action, reason, justification, findings, notScanned,
                bytesScanned, scanMicros, upstreamStatus, upstreamMillis, null);
    }

    public AuditRecord {
        findings = findings == null ? List.of() : List.copyOf(findings);
        notScanned = notScanned == null ? List.of() : List.copyOf(notScanned);
    }
}
