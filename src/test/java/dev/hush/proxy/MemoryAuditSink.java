package dev.hush.proxy;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only sink: keeps records in memory; can be told to hold appends back to test release ordering. */
final class MemoryAuditSink implements AuditSink {
    final List<AuditRecord> records = new CopyOnWriteArrayList<>();
    volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> append(AuditRecord record) {
        return gate.thenRun(() -> records.add(record));
    }

    @Override
    public void close() {
    }

    AuditRecord last() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }
}
