package dev.hush.audit;

import dev.hush.config.AuditSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The tamper-evident audit log: JSON Lines in daily files {@code audit-YYYY-MM-DD.jsonl} (UTC), each record
 * hash-chained to the one before it, across files (see {@link AuditLine}).
 * <p>
 * {@link #append} only enqueues and never blocks, so it is safe on a Vert.x event loop. The hand-off is
 * lock-free (a {@link ConcurrentLinkedQueue}, bounded by a counter): event loops appending at once never
 * wait for each other or for the writer, and the writer is woken (unparked) only when it sleeps on an
 * empty queue. One dedicated writer thread takes whatever has queued up (up to {@code batchMax}), writes
 * it with one write call and syncs it once ({@code audit.syncMethod}: fdatasync by default); only then are the batch's stages completed.
 * Many concurrent appends thus share one sync (group commit), and a stage that completed means its record survives a crash.
 * <p>
 * Stages complete on the writer thread: callers should hop back to their own context (for Vert.x,
 * {@code Future.fromCompletionStage(stage, context)}) rather than do work in a callback.
 * <p>
 * On open the newest file's tail continues the chain. A final line without its newline is the remains of a
 * write cut short by a crash; no stage was completed for it (its sync never returned), so it is moved to
 * {@code <file>.torn} and cut off. A complete final line whose hash does not hold is not a crash but damage,
 * and the log refuses to open ({@code hush audit verify} shows where).
 * <p>
 * After a failed write or sync the file's state is unknown, so the log fails every later append until it is
 * reopened: the proxy then refuses traffic rather than serve it unaudited.
 */
public final class ChainedAuditLog implements AuditSink {
    private static final FileAttribute<?>[] PRIVATE_FILE = {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))};
    private static final FileAttribute<?>[] PRIVATE_DIR = {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"))};

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long the idle writer parks before it looks at its queue again (IDLE_PARK_NANOS but in tests). */
    private final long idleParkNanos;
    /** Test hooks (counting syncs and the writer's parks); {@link Hooks#NONE} otherwise. */
    private final Hooks hooks;

    /**
     * What tests watch (package-private): {@code parking} just before the idle writer parks, {@code synced} after
     * each batch is durable (before its stages complete) with the last sequence number in it and its size.
     */
    interface Hooks {
        Hooks NONE = new Hooks() {
        };

        default void parking() {
        }

        default void synced(long lastSeq, int records) {
        }
    }
    /** While lingering the writer is not woken by appends; it looks again this often to stop at batchMax. */
    private static final long LINGER_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Path dir;
    private final boolean fsync;
    /** force(true) instead of force(false) after each batch. */
    private final boolean fullSync;
    /** The file is opened with O_DSYNC: each write is durable when it returns, no force call. */
    private final boolean dsync;
    private final long lingerNanos;
    private final int batchMax;
    /** Zeros written ahead of the records (0: off, the file is appended to). */
    private final long preallocate;
    private final Clock clock;
    private final boolean posix;
    private final int capacity;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Records queued and not yet taken by the writer: the queue's bound (its own size() walks the nodes). */
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread writer;
    /** Set by the writer before it parks on an empty queue; an append that sees it unparks the writer. */
    private volatile boolean writerIdle;

    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile long durableSeq;
    private volatile long batchCount;

    // Writer-thread state.
    private long seq;
    private String prev;
    private LocalDate day;
    /** Newest day written so far: when the clock steps back, records stay in that file, keeping file order. */
    private LocalDate newestDay = LocalDate.MIN;
    private FileChannel channel;
    /** With preallocation: where the next batch goes (the end of the last record) and how far zeros reach. */
    private long writePos;
    private long zeroedTo;
    /** One batch's lines, encoded in place and written with one call; reused for every batch. */
    private final JsonBytes batchBytes = new JsonBytes(64 * 1024);

    private record Pending(AuditRecord record, CompletableFuture<Void> done) {
    }

    /** Opens (or creates) the log in {@code dir} with the given settings; the dir in the settings is ignored. */
    public static ChainedAuditLog open(Path dir, AuditSettings settings) throws IOException {
        return open(dir, settings, Clock.systemUTC());
    }

    public static ChainedAuditLog open(Path dir, AuditSettings settings, Clock clock) throws IOException {
        return new ChainedAuditLog(dir, settings, clock, IDLE_PARK_NANOS, Hooks.NONE);
    }

    /** For tests: the idle writer's look-again interval and hooks that count its syncs and parks. */
    static ChainedAuditLog open(Path dir, AuditSettings settings, long idleParkNanos, Hooks hooks) throws IOException {
        return new ChainedAuditLog(dir, settings, Clock.systemUTC(), idleParkNanos, hooks);
    }

    private ChainedAuditLog(Path dir, AuditSettings s, Clock clock, long idleParkNanos, Hooks hooks) throws IOException {
        this.idleParkNanos = idleParkNanos;
        this.hooks = hooks;
        this.dir = dir;
        this.fsync = s.fsync;
        this.fullSync = s.fsync && "fsync".equals(s.syncMethod);
        this.dsync = s.fsync && "dsync".equals(s.syncMethod);
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(s.syncIntervalMillis);
        this.batchMax = s.batchMax;
        this.preallocate = s.preallocateBytes;
        this.clock = clock;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new AuditLogException("audit folder " + dir + ": a file is in the way", null);
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posixParent = parent != null
                    && Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class);
            Files.createDirectories(dir, posixParent ? PRIVATE_DIR : new FileAttribute<?>[0]);
        }
        this.posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        this.capacity = s.queueCapacity;
        recover();
        this.durableSeq = seq;
        this.writer = new Thread(this::writeLoop, "hush-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletionStage<Void> append(AuditRecord record) {
        return enqueue(record, true);
    }

    /**
     * Enqueues without waking the writer: the record goes with the next append's batch, or when the writer,
     * parked on an empty queue, looks again (within {@code IDLE_PARK_NANOS}, 20 ms); close() writes it too. An
     * outcome line woke the writer for a sync of its own about once per request (its decision line had just
     * been synced): a futex wake and a sleep on each side for a line nothing waits for.
     */
    @Override
    public CompletionStage<Void> appendLazily(AuditRecord record) {
        return enqueue(record, false);
    }

    /**
     * Wakes the writer when it is parked on an empty queue. Paired with {@link #enqueue}'s offer: the offer (a
     * volatile write) happens before this read of {@code writerIdle}, and the writer sets {@code writerIdle}
     * before it looks at the queue, so either it sees the record or this sees it idle.
     */
    @Override
    public void wake() {
        if (writerIdle) {
            LockSupport.unpark(writer);
        }
    }

    private CompletionStage<Void> enqueue(AuditRecord record, boolean wake) {
        if (record == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("record is null"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new AuditLogException("audit log is closed", null));
        }
        Throwable f = failure;
        if (f != null) {
            return CompletableFuture.failedFuture(new AuditLogException("audit log failed earlier", f));
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new AuditLogException(
                    "audit queue full: the disk is not keeping up", null));
        }
        Pending p = new Pending(record, new CompletableFuture<>());
        queue.offer(p);
        // Dekker pair with the writer (volatile write of writerIdle, then read of the queue): either it sees
        // this record before parking, or this sees it idle and wakes it.
        if (wake && writerIdle) {
            LockSupport.unpark(writer);
        }
        if (closed && !writer.isAlive() && queue.remove(p)) {
            queued.decrementAndGet();
            // close() finished between our check and the offer: nobody will write this record.
            p.done.completeExceptionally(new AuditLogException("audit log is closed", null));
        }
        return p.done;
    }

    /** Sequence number of the last record known to be durable (0 when the log is empty). */
    public long durableSeq() {
        return durableSeq;
    }

    /** Batches written (and synced when fsync is on) so far: with group commit, fewer than records. */
    public long batches() {
        return batchCount;
    }

    public Path dir() {
        return dir;
    }

    /** Stops accepting records, writes and syncs everything already queued, and closes the file. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done.completeExceptionally(new AuditLogException("audit log is closed", null));
        }
    }

    // ---- recovery -------------------------------------------------------------------------------------

    private void recover() throws IOException {
        seq = 0;
        prev = AuditLine.GENESIS;
        List<Path> files = AuditFiles.list(dir);
        if (!files.isEmpty()) {
            newestDay = AuditFiles.dayOf(files.get(files.size() - 1));
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            AuditLine.Link tail = recoverTail(files.get(i));
            if (tail != null) {
                seq = tail.seq();
                prev = tail.hash();
                return;
            }
        }
    }

    /** The last record of a file after cutting off a torn final line; null when the file holds none. */
    private AuditLine.Link recoverTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long dataEnd = AuditFiles.dataEnd(ch);
            long end;
            if (dataEnd < size) {
                // zeros written ahead (audit.preallocateBytes) and not cut back: the process stopped. The records
                // end at the first zero byte; what a crash left after it (pages of a batch whose sync never
                // returned) was never acknowledged.
                long firstZero = AuditFiles.firstZero(ch, dataEnd);
                end = AuditFiles.endOfLastCompleteLine(ch, firstZero);
                if (end < dataEnd) {
                    quarantine(ch, file, end, dataEnd);
                } else {
                    ch.truncate(end);
                    ch.force(true);
                }
            } else {
                end = AuditFiles.endOfLastCompleteLine(ch);
                if (end < size) {
                    quarantine(ch, file, end, size);
                }
            }
            byte[] last = AuditFiles.lastLine(ch, end);
            if (last == null) {
                return null;
            }
            AuditLine.Link link;
            try {
                link = AuditLine.parse(last, last.length);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": last record is damaged (" + e.getMessage()
                        + "); run hush audit verify");
            }
            if (!link.hashValid()) {
                throw new IOException(file + ": last record (seq " + link.seq()
                        + ") does not match its hash; run hush audit verify");
            }
            return link;
        }
    }

    /** Keeps the torn bytes for forensics in {@code <file>.torn}, then cuts them off the log. */
    private void quarantine(FileChannel ch, Path file, long from, long size) throws IOException {
        ByteBuffer torn = ByteBuffer.allocate((int) Math.min(size - from, Integer.MAX_VALUE - 16));
        AuditFiles.readFully(ch, torn, from);
        torn.flip();
        Path keep = file.resolveSibling(file.getFileName() + AuditFiles.TORN_SUFFIX);
        try (FileChannel out = FileChannel.open(keep, openOptions(), posix ? PRIVATE_FILE : new FileAttribute<?>[0])) {
            while (torn.hasRemaining()) {
                out.write(torn);
            }
            out.force(true);
        }
        ch.truncate(from);
        ch.force(true);
    }

    // ---- writer thread ------------------------------------------------------------------------------

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(batchMax);
        try {
            while (true) {
                Pending first = take();
                if (first == null) {
                    if ((closed && queue.isEmpty()) || Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    writerIdle = true;
                    if (queue.isEmpty() && !closed) {
                        hooks.parking();
                        // the timeout only bounds a missed wake-up (and picks up lazy appends); appends unpark this thread
                        LockSupport.parkNanos(this, idleParkNanos);
                    }
                    writerIdle = false;
                    continue;
                }
                batch.add(first);
                if (lingerNanos > 0) {
                    // wait for company: more appends share this batch's sync
                    long deadline = System.nanoTime() + lingerNanos;
                    while (batch.size() < batchMax) {
                        Pending next = take();
                        if (next != null) {
                            batch.add(next);
                            continue;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        LockSupport.parkNanos(this, Math.min(left, LINGER_POLL_NANOS));
                    }
                }
                Pending next;
                while (batch.size() < batchMax && (next = take()) != null) {
                    batch.add(next);
                }
                writeBatch(batch);
                batch.clear();
            }
        } finally {
            closeChannel();
        }
    }

    private Pending take() {
        Pending p = queue.poll();
        if (p != null) {
            queued.decrementAndGet();
        }
        return p;
    }

    private void writeBatch(List<Pending> batch) {
        if (failure != null) {
            failAll(batch, new AuditLogException("audit log failed earlier", failure));
            return;
        }
        long s = seq;
        String p = prev;
        batchBytes.reset();
        List<Pending> written = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            int mark = batchBytes.length();
            try {
                p = AuditLine.append(batchBytes, pending.record, s + 1, p);
                s++;
                written.add(pending);
            } catch (RuntimeException e) {
                // One unencodable record must not take the batch with it.
                batchBytes.truncate(mark);
                pending.done.completeExceptionally(new AuditLogException("record could not be encoded", e));
            }
        }
        if (written.isEmpty()) {
            return;
        }
        try {
            FileChannel ch = channelForToday();
            ByteBuffer buf = ByteBuffer.wrap(batchBytes.array(), 0, batchBytes.length());
            if (preallocate > 0) {
                zeroAhead(ch, writePos + buf.remaining());
                long at = writePos;
                while (buf.hasRemaining()) {
                    at += ch.write(buf, at);
                }
                writePos = at;
            } else {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            if (fsync && !dsync) {
                ch.force(fullSync);
            }
            batchCount++;
        } catch (IOException | RuntimeException e) {
            failure = e;
            closeChannel();
            failAll(written, new AuditLogException("audit write failed", e));
            return;
        }
        seq = s;
        prev = p;
        durableSeq = s;
        hooks.synced(s, written.size());
        for (Pending pending : written) {
            pending.done.complete(null);
        }
    }

    private FileChannel channelForToday() throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (today.isBefore(newestDay)) {
            today = newestDay;
        }
        if (channel != null && today.equals(day)) {
            return channel;
        }
        closeChannel();
        Path file = AuditFiles.forDay(dir, today);
        boolean created = !Files.exists(file);
        java.util.Set<StandardOpenOption> options = openOptions();
        if (dsync) {
            options.add(StandardOpenOption.DSYNC);
        }
        if (preallocate > 0) {
            options.remove(StandardOpenOption.APPEND); // records go at writePos, inside the zeros
            options.add(StandardOpenOption.READ); // to find where the records end
        }
        channel = FileChannel.open(file, options, posix ? PRIVATE_FILE : new FileAttribute<?>[0]);
        if (preallocate > 0) {
            // recovery left the file ending at its last record (zeros and torn bytes cut off)
            writePos = AuditFiles.dataEnd(channel);
            zeroedTo = channel.size();
        }
        day = today;
        newestDay = today;
        if (created) {
            // The new name must survive a crash too, or the synced records in it would vanish with it.
            HashKeyStore.syncDirectory(dir);
        }
        return channel;
    }

    private static java.util.Set<StandardOpenOption> openOptions() {
        return java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Makes sure zeros reach past {@code end}: writes the next {@code preallocate} bytes of zeros and syncs them
     * (the one sync that changes the file's size), so the batches written into them only overwrite blocks.
     */
    private void zeroAhead(FileChannel ch, long end) throws IOException {
        if (end <= zeroedTo) {
            return;
        }
        long to = Math.max(end, zeroedTo + preallocate);
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        long at = Math.max(zeroedTo, writePos);
        while (at < to) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
            while (zeros.hasRemaining()) {
                at += ch.write(zeros, at);
            }
        }
        if (fsync && !dsync) {
            ch.force(fullSync);
        }
        zeroedTo = to;
    }

    private void closeChannel() {
        if (channel != null) {
            if (preallocate > 0 && failure == null) {
                try {
                    // a closed file ends at its last record; only the newest file can hold zeros after a crash
                    channel.truncate(writePos);
                    channel.force(true);
                } catch (IOException ignored) {
                    // the zeros stay: readers stop at the first one, and recovery cuts them off
                }
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to lose: every completed record was synced before
            }
            channel = null;
            day = null;
        }
    }

    private static void failAll(List<Pending> batch, Throwable cause) {
        for (Pending p : batch) {
            p.done.completeExceptionally(cause);
        }
    }

    /** Why an append was refused or failed; carries no record content. */
    public static final class AuditLogException extends IOException {
        public AuditLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
