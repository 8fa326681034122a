package dev.hush.pipeline;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Appends the records a request waits for (decision lines, one-line records) so that one event-loop tick's
 * appends share one wake-up of the audit writer, and so one sync: on an event loop the record is queued with
 * {@link AuditSink#appendLazily} and the loop's first such append of the tick schedules one
 * {@link AuditSink#wake()} for the end of the tick (Netty's {@code executeAfterEventLoopIteration}: after the
 * tick's I/O and tasks, before the loop waits for I/O again). Each record's stage still completes only once that
 * record is durable; nothing is released earlier. Off an event loop (a worker, a test without Vert.x) the
 * record is appended and the writer woken at once.
 * <p>
 * Before, each append woke the parked writer itself: with fdatasync into the pre-zeroed file quick, the writer
 * drained its queue after every line and parked again, about one futex wake, one sleep and one sync per request.
 */
final class TickWake {
    private final AuditSink sink;
    /** One end-of-tick wake per event loop; its flag is touched only by that loop's thread. */
    private final Map<EventLoop, Tail> tails = new ConcurrentHashMap<>();

    TickWake(AuditSink sink) {
        this.sink = sink;
    }

    CompletionStage<Void> append(AuditRecord record) {
        SingleThreadEventLoop loop = currentLoop();
        if (loop == null) {
            return sink.append(record);
        }
        CompletionStage<Void> stage = sink.appendLazily(record);
        Tail tail = tails.get(loop);
        if (tail == null) {
            tail = tails.computeIfAbsent(loop, l -> new Tail());
        }
        if (!tail.queued) {
            tail.queued = true;
            try {
                loop.executeAfterEventLoopIteration(tail);
            } catch (RejectedExecutionException e) {
                tail.run(); // the loop is shutting down: wake the writer now
            }
        }
        return stage;
    }

    /** The Netty loop running this thread's event-loop context, or null (not on one). */
    private static SingleThreadEventLoop currentLoop() {
        Context ctx = Vertx.currentContext();
        if (ctx instanceof ContextInternal ci && ci.isEventLoopContext()
                && ci.nettyEventLoop() instanceof SingleThreadEventLoop loop && loop.inEventLoop()) {
            return loop;
        }
        return null;
    }

    private final class Tail implements Runnable {
        /** A wake is queued for the end of this loop's tick. */
        boolean queued;

        @Override
        public void run() {
            queued = false;
            sink.wake();
        }
    }
}
