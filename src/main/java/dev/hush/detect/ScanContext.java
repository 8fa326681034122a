package dev.hush.detect;

/**
 * The limits of one scan: a deadline, a cancellation flag (the request it serves is gone) and a work meter.
 * Detectors {@link #charge} the characters they examine; every {@link #CHECK_EVERY} units the context
 * looks at the clock and the flag and throws {@link ScanStoppedException}, so a scan stops mid-text, inside
 * a detector, within a bounded amount of work. The meter also lets tests bound a detector's work by
 * counting rather than timing.
 *
 * <p>One scan runs on one thread; {@link #cancel()} may be called from any thread.
 */
public final class ScanContext {
    /** Units of work between two looks at the clock: a few tens of microseconds of scanning. */
    static final long CHECK_EVERY = 1 << 15;

    private final long deadlineNanos;
    private volatile boolean cancelled;
    private long work;
    private long nextCheck = CHECK_EVERY;

    private ScanContext(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** No deadline; stops only when cancelled. */
    public static ScanContext unbounded() {
        return new ScanContext(Long.MAX_VALUE);
    }

    /** Stops once {@code budgetNanos} have passed from now (or when cancelled). */
    public static ScanContext withBudget(long budgetNanos) {
        long now = System.nanoTime();
        return new ScanContext(budgetNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + budgetNanos);
    }

    /** The request is gone (client disconnected): the scan stops at its next check. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Work charged so far by every detector of this scan (characters examined, roughly). */
    public long work() {
        return work;
    }

    /** Adds {@code units} of work; past each interval, stops the scan if it is over budget or cancelled. */
    public void charge(long units) {
        work += units;
        if (work >= nextCheck) {
            nextCheck = work + CHECK_EVERY;
            check();
        }
    }

    /** Throws when the scan must stop. */
    public void check() {
        if (cancelled) {
            throw new ScanStoppedException("scan cancelled: the request is gone");
        }
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new ScanStoppedException("scan time budget exceeded");
        }
    }
}
