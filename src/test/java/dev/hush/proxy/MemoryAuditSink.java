package dev.hush.proxy;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only sink: keeps records in memory; can be told to hold appends back to test release ordering.
 * {@link #lines} holds what was appended, one entry per line; {@link #records} is what a reader joining a
 * forwarded request's decision and outcome lines sees: one record per request (the outcome, which carries the
 * decision's fields and the upstream's status, takes its decision's place).
 */
final class MemoryAuditSink implements AuditSink {
    final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    final List<AuditRecord> lines = new CopyOnWriteArrayList<>();
    volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    /** When set, holds decision lines only (outcome lines and single records go through {@link #gate}). */
    volatile CompletableFuture<Void> decisionGate;

    @Override
    public CompletionStage<Void> append(AuditRecord record) {
        CompletableFuture<Void> g = record.isDecision() && decisionGate != null ? decisionGate : gate;
        return g.thenRun(() -> add(record));
    }

    private synchronized void add(AuditRecord record) {
        lines.add(record);
        if (record.isOutcome()) {
            for (int i = records.size() - 1; i >= 0; i--) {
                AuditRecord r = records.get(i);
                if (r.isDecision() && r.requestId().equals(record.requestId())) {
                    records.set(i, record);
                    return;
                }
            }
        } else if (record.isDecision()) {
            for (AuditRecord r : records) {
                if (r.isOutcome() && r.requestId().equals(record.requestId())) {
                    return; // held back and let go after its outcome: already in its place
                }
            }
        }
        records.add(record);
    }

    @Override
    public void close() {
    }

    AuditRecord last() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }
}
