package dev.hush.pipeline;

import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import dev.hush.audit.AuditText;
import dev.hush.audit.KeyedHash;
import java.util.List;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Audit stage: one record per request, appended before the response is released; the future completes on
 * the caller's event loop once the record is durable (and fails when it cannot be written).
 */
final class Auditor {
    private final Vertx vertx;
    private final AuditSink sink;
    private final ProxyMetrics metrics;
    private final ScanCache scanner;
    private final KeyedHash keyHash;
    private final int maxFindings;
    /** Appends records waited for, one writer wake-up per event-loop tick (docs/audit.md, "Twelfth round"). */
    private final TickWake ticks;

    Auditor(Vertx vertx, AuditSink sink, ProxyMetrics metrics, ScanCache scanner, KeyedHash keyHash,
            int maxFindings) {
        this.vertx = vertx;
        this.sink = sink;
        this.metrics = metrics;
        this.scanner = scanner;
        this.keyHash = keyHash;
        this.maxFindings = maxFindings;
        this.ticks = new TickWake(sink);
    }

    /**
     * The record as the log keeps it: no raw value in it. The justification and the path are scanned and
     * stored masked (a key in a query or path segment); user and model are bounded and free of control
     * characters; findings past {@code audit.maxFindingsPerRecord} are counted, not listed.
     */
    AuditRecord toRecord(Trail t, int upstreamStatus, long upstreamMillis) {
        Inspection in = t.inspection();
        AuditText.Masked justification = masked(t.justification(), "justification", 500);
        String endpoint = masked(t.endpoint(), "endpoint", 512).text();
        List<AuditFinding> fs = t.findings();
        int omitted = Math.max(0, fs.size() - maxFindings);
        if (omitted > 0) {
            fs = fs.subList(0, maxFindings);
        }
        return new AuditRecord(t.time(), t.requestId(), AuditText.clean(t.caller().user(), 256),
                AuditText.clean(t.adapter(), 64), endpoint, AuditText.clean(t.model(), 128), t.action(),
                AuditText.clean(t.reason(), 512), justification.text(), fs, t.notScanned(),
                in == null ? 0 : in.bytesScanned(), in == null ? 0 : in.scanMicros(), upstreamStatus, upstreamMillis,
                AuditText.clean(t.host(), 256), t.caller().source(), omitted, justification.findings());
    }

    /** Scanned and masked; when the scanner fails, not stored at all (only its length). */
    private AuditText.Masked masked(String text, String location, int max) {
        if (text == null) {
            return new AuditText.Masked(null, List.of());
        }
        try {
            return AuditText.mask(text, scanner.scan(text), location, keyHash, max);
        } catch (RuntimeException e) {
            return new AuditText.Masked("[not stored: could not be scanned, " + text.length() + " chars]", List.of());
        }
    }

    /**
     * A second record for a request whose answer was released but did not reach the client whole: same
     * request id, action {@code incomplete}, the reason why. Not counted as a request again.
     */
    Future<Void> recordCut(Trail t, int upstreamStatus, String why) {
        return append(t.refused("incomplete", why), upstreamStatus, -1);
    }

    Future<Void> record(Trail t, int upstreamStatus, long upstreamMillis) {
        metrics.request(t.adapter(), t.action());
        return append(t, upstreamStatus, upstreamMillis);
    }

    /** A decision line on its way to the disk: {@code durable} completes on the caller's context once it is synced. */
    record Decision(AuditRecord record, Future<Void> durable) {
    }

    /**
     * The first of a forwarded request's two lines, appended just before the request goes upstream, so its sync
     * runs while the upstream works. The answer is released only once {@code durable} has completed. Not counted
     * as a request yet: {@link #outcome} (or the record of a refusal that follows) counts it.
     */
    Decision decision(Trail t) {
        AuditRecord r;
        try {
            r = toRecord(t, 0, -1).asDecision();
        } catch (RuntimeException e) {
            return new Decision(null, Future.failedFuture(e));
        }
        return new Decision(r, append(r));
    }

    /**
     * The second line, appended when the answer's head arrives: same requestId, the upstream's status and time.
     * Nothing waits for it (it rides on the next group commit); a failure shows in the log's own failure
     * (which then refuses every later append) and in {@code hush_audit_failures_total}.
     */
    void outcome(Trail t, Decision d, int upstreamStatus, long upstreamMillis) {
        metrics.request(t.adapter(), t.action());
        if (d.record() == null) {
            return;
        }
        // Nothing waits for this line: no hop back to the event loop once it is written, only when it failed
        // (there, after the decision's own completion, which the writer reported first on the same context).
        AuditRecord r = d.record().outcome(upstreamStatus, upstreamMillis);
        Context ctx = vertx.getOrCreateContext();
        java.util.concurrent.CompletionStage<Void> written;
        try {
            written = sink.appendLazily(r); // no wake-up of the writer of its own: it rides on the next batch
        } catch (RuntimeException e) {
            outcomeFailed(d);
            return;
        }
        written.whenComplete((v, e) -> {
            if (e != null) {
                ctx.runOnContext(x -> outcomeFailed(d));
            }
        });
    }

    private void outcomeFailed(Decision d) {
        if (!d.durable().failed()) {
            metrics.auditFailed(); // a failed decision was counted already
        }
    }

    private Future<Void> append(Trail t, int upstreamStatus, long upstreamMillis) {
        AuditRecord r;
        try {
            r = toRecord(t, upstreamStatus, upstreamMillis);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return append(r);
    }

    private Future<Void> append(AuditRecord record) {
        Promise<Void> p = Promise.promise();
        Context ctx = vertx.getOrCreateContext();
        try {
            ticks.append(record).whenComplete((v, e) -> ctx.runOnContext(x -> {
                if (e != null) {
                    p.fail(e);
                } else {
                    p.complete();
                }
            }));
        } catch (RuntimeException e) {
            p.fail(e);
        }
        return p.future();
    }
}
