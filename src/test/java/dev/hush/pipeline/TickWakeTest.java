package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TickWake}: the appends of one event-loop tick are queued without waking the writer and share one
 * {@link AuditSink#wake()} at the end of that tick; every append's stage is the sink's own (it completes only when
 * the sink says that record is durable). Counted with a sink that records calls, not timed.
 */
class TickWakeTest {
    /** Records every call; the stages complete only when the test completes them. */
    static final class CountingSink implements AuditSink {
        final List<AuditRecord> deferred = new ArrayList<>();
        final List<AuditRecord> direct = new ArrayList<>();
        final List<CompletableFuture<Void>> stages = new ArrayList<>();
        /** How many deferred appends had been made at each wake. */
        final List<Integer> wakes = new ArrayList<>();
        volatile CountDownLatch woken = new CountDownLatch(1);

        @Override
        public synchronized CompletionStage<Void> append(AuditRecord record) {
            return pending(direct, record);
        }

        @Override
        public synchronized CompletionStage<Void> appendLazily(AuditRecord record) {
            return pending(deferred, record);
        }

        /** A stage the test completes, for a record kept in {@code kind}. */
        private CompletionStage<Void> pending(List<AuditRecord> kind, AuditRecord record) {
            kind.add(record);
            CompletableFuture<Void> f = new CompletableFuture<>();
            stages.add(f);
            return f;
        }

        @Override
        public void wake() {
            synchronized (this) {
                wakes.add(deferred.size());
            }
            woken.countDown();
        }

        @Override
        public void close() {
        }
    }

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static AuditRecord record(int i) {
        return new AuditRecord(Instant.EPOCH, "req-" + i, "u", "openai", "/v1/chat/completions", "m", "allow",
                null, null, List.of(), List.of(), 0, 0, 0, -1);
    }

    /** Runs {@code tick} as one task on the context's event loop and waits for the task (not for the wake). */
    private static void onLoop(Context ctx, Runnable tick) throws Exception {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            try {
                tick.run();
                ran.complete(null);
            } catch (Throwable t) {
                ran.completeExceptionally(t);
            }
        });
        ran.get(30, TimeUnit.SECONDS);
    }

    @Test
    void oneTicksAppendsShareOneWakeAtItsEnd() throws Exception {
        CountingSink sink = new CountingSink();
        TickWake ticks = new TickWake(sink);
        Context ctx = vertx.getOrCreateContext();
        assertTrue(ctx.isEventLoopContext());
        int n = 9;
        List<CompletionStage<Void>> got = new ArrayList<>();
        List<Integer> wakesDuringTick = new ArrayList<>();
        onLoop(ctx, () -> {
            for (int i = 0; i < n; i++) {
                got.add(ticks.append(record(i)));
            }
            wakesDuringTick.add(sink.wakes.size()); // nothing woken yet: the tick is still running
        });
        assertTrue(sink.woken.await(30, TimeUnit.SECONDS), "woken at the end of the tick");
        assertEquals(List.of(0), wakesDuringTick);
        synchronized (sink) {
            assertEquals(n, sink.deferred.size());
            assertEquals(0, sink.direct.size());
            assertEquals(List.of(n), sink.wakes, "one wake, after all of the tick's appends");
        }
        // each caller holds its own record's stage: not done until the sink completes that one
        for (int i = 0; i < n; i++) {
            assertFalse(got.get(i).toCompletableFuture().isDone());
        }
        sink.stages.get(3).complete(null);
        for (int i = 0; i < n; i++) {
            assertEquals(i == 3, got.get(i).toCompletableFuture().isDone(), "stage " + i);
        }

        // the next tick schedules its own wake
        sink.woken = new CountDownLatch(1);
        onLoop(ctx, () -> {
            got.add(ticks.append(record(n)));
            got.add(ticks.append(record(n + 1)));
        });
        assertTrue(sink.woken.await(30, TimeUnit.SECONDS));
        synchronized (sink) {
            assertEquals(List.of(n, n + 2), sink.wakes);
        }
    }

    @Test
    void offTheEventLoopTheRecordIsAppendedAndTheWriterWokenAtOnce() throws Exception {
        CountingSink sink = new CountingSink();
        TickWake ticks = new TickWake(sink);
        ticks.append(record(0)); // the test thread: no Vert.x context
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.executeBlocking(() -> ticks.append(record(1)), false)
                .onComplete(ar -> done.complete(null));
        done.get(30, TimeUnit.SECONDS);
        synchronized (sink) {
            assertEquals(2, sink.direct.size());
            assertEquals(0, sink.deferred.size());
            assertEquals(List.of(), sink.wakes);
        }
    }
}
