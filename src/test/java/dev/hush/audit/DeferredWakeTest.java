package dev.hush.audit;

import static dev.hush.audit.AuditFixtures.record;
import static dev.hush.audit.AuditFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChainedAuditLog#appendLazily} and {@link ChainedAuditLog#wake}: records appended without a wake wait
 * for it (the idle writer here looks at its queue again only after an hour, so only a wake moves it), one wake
 * writes them all with one sync, and no stage completes before the sync that holds its record. Counted by the
 * log's hooks, not timed.
 */
class DeferredWakeTest {
    @TempDir
    Path dir;

    /** Counts syncs and the records in each; lets the test know when the writer is about to park. */
    static final class Counting implements ChainedAuditLog.Hooks {
        final AtomicInteger syncs = new AtomicInteger();
        final ConcurrentLinkedQueue<Integer> sizes = new ConcurrentLinkedQueue<>();
        /** The last sequence number known synced, set before the batch's stages complete. */
        final AtomicLong syncedSeq = new AtomicLong();
        final Semaphore parks = new Semaphore(0);

        @Override
        public void parking() {
            parks.release();
        }

        @Override
        public void synced(long lastSeq, int records) {
            syncedSeq.set(lastSeq);
            sizes.add(records);
            syncs.incrementAndGet();
        }
    }

    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void oneWakeWritesADeferredBatchWithOneSync() throws Exception {
        Counting c = new Counting();
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), AN_HOUR, c)) {
            // the writer parks (for an hour) on its empty queue
            assertTrue(c.parks.tryAcquire(30, TimeUnit.SECONDS), "writer parked");
            int n = 12;
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            List<Long> seenSynced = new ArrayList<>(java.util.Collections.nCopies(n, -1L));
            for (int i = 0; i < n; i++) {
                int k = i;
                CompletableFuture<Void> s = log.appendLazily(record(i)).toCompletableFuture();
                // when it completes, the sync that holds record i (seq i + 1) must have been counted already
                stages.add(s.whenComplete((v, e) -> seenSynced.set(k, c.syncedSeq.get())));
            }
            for (CompletableFuture<Void> s : stages) {
                assertFalse(s.isDone(), "nothing is durable before the wake");
            }
            assertEquals(0, c.syncs.get());
            assertEquals(0, log.durableSeq());
            log.wake();
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(1, c.syncs.get(), "one sync for the whole batch");
            assertEquals(List.of(n), List.copyOf(c.sizes));
            for (int i = 0; i < n; i++) {
                assertTrue(seenSynced.get(i) >= i + 1, "record " + i + " completed after its sync");
                assertFalse(stages.get(i).isCompletedExceptionally());
            }
            assertEquals(n, log.durableSeq());

            // a second tick: again one wake, one sync
            assertTrue(c.parks.tryAcquire(30, TimeUnit.SECONDS), "writer parked again");
            CompletableFuture<Void> a = log.appendLazily(record(n)).toCompletableFuture();
            CompletableFuture<Void> b = log.appendLazily(record(n + 1)).toCompletableFuture();
            assertFalse(a.isDone() || b.isDone());
            log.wake();
            CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
            assertEquals(2, c.syncs.get());
            assertEquals(n + 2, log.durableSeq());
        }
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void aWakeWithNothingQueuedWritesNothingAndAPlainAppendStillWakes() throws Exception {
        Counting c = new Counting();
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), AN_HOUR, c)) {
            assertTrue(c.parks.tryAcquire(30, TimeUnit.SECONDS));
            log.wake();
            // the woken writer finds nothing and parks again, without a sync
            assertTrue(c.parks.tryAcquire(30, TimeUnit.SECONDS));
            assertEquals(0, c.syncs.get());
            log.append(record(0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(1, c.syncs.get());
        }
    }

    @Test
    void closeWritesDeferredRecordsThatWereNeverWoken() throws Exception {
        Counting c = new Counting();
        CompletableFuture<Void> s;
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), AN_HOUR, c)) {
            assertTrue(c.parks.tryAcquire(30, TimeUnit.SECONDS));
            s = log.appendLazily(record(0)).toCompletableFuture();
            assertFalse(s.isDone());
        }
        assertTrue(s.isDone() && !s.isCompletedExceptionally());
        assertEquals(1, c.syncs.get());
    }
}
