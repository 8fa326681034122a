package dev.hush.pipeline;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
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

    Auditor(Vertx vertx, AuditSink sink, ProxyMetrics metrics) {
        this.vertx = vertx;
        this.sink = sink;
        this.metrics = metrics;
    }

    static AuditRecord toRecord(Trail t, int upstreamStatus, long upstreamMillis) {
        Inspection in = t.inspection();
        return new AuditRecord(t.time(), t.requestId(), t.caller().user(), t.adapter(), t.endpoint(), t.model(),
                t.action(), t.reason(), t.justification(), t.findings(), t.notScanned(),
                in == null ? 0 : in.bytesScanned(), in == null ? 0 : in.scanMicros(), upstreamStatus, upstreamMillis, t.host());
    }

    Future<Void> record(Trail t, int upstreamStatus, long upstreamMillis) {
        metrics.request(t.adapter(), t.action());
        Promise<Void> p = Promise.promise();
        Context ctx = vertx.getOrCreateContext();
        try {
            sink.append(toRecord(t, upstreamStatus, upstreamMillis)).whenComplete((v, e) -> ctx.runOnContext(x -> {
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
