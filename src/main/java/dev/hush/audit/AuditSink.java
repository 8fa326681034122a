package dev.hush.audit;

import java.util.concurrent.CompletionStage;

/**
 * Where audit records go. {@link #append} returns a stage that completes once the record is durable
 * (written and synced, possibly as part of a batch); the proxy releases a response only after that.
 * Implementations are thread-safe and never block the caller.
 */
public interface AuditSink extends AutoCloseable {

    CompletionStage<Void> append(AuditRecord record);

    /**
     * As {@link #append}, for a record nobody waits for (a forwarded request's outcome line): it need not wake
     * the writer and may ride on the batch of the next append (or the writer's next look at its queue) instead
     * of costing a sync of its own. By default the same as {@link #append}.
     */
    default CompletionStage<Void> appendLazily(AuditRecord record) {
        return append(record);
    }

    /**
     * Wakes the writer for records appended with {@link #appendLazily}; cheap when it is awake. The gateway calls
     * it once at the end of its event loop's tick, so the records the tick's answers wait for share one wake-up of
     * the writer and one sync instead of one each. By default nothing.
     */
    default void wake() {
    }

    @Override
    void close();
}
