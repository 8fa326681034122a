package dev.hush.audit;

import java.util.concurrent.CompletionStage;

/**
 * Where audit records go. {@link #append} returns a stage that completes once the record is durable
 * (written and synced, possibly as part of a batch); the proxy releases a response only after that.
 * Implementations are thread-safe and never block the caller.
 */
public interface AuditSink extends AutoCloseable {

    CompletionStage<Void> append(AuditRecord record);

    @Override
    void close();
}
