package dev.hush.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request-body bytes held at once across all event loops ({@code gateway.maxInFlightBytes}): a request that
 * would take the total past the limit is refused with 503 rather than risking the heap for everyone.
 */
final class InFlightBytes {
    private final long max;
    private final AtomicLong held = new AtomicLong();

    InFlightBytes(long max) {
        this.max = max;
    }

    /** Takes {@code n} bytes of the budget; false (nothing taken) when that would exceed it. */
    boolean tryReserve(long n) {
        while (true) {
            long h = held.get();
            if (h + n > max) {
                return false;
            }
            if (held.compareAndSet(h, h + n)) {
                return true;
            }
        }
    }

    void release(long n) {
        held.addAndGet(-n);
    }

    long held() {
        return held.get();
    }
}
