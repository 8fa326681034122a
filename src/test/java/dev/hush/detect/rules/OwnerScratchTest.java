package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnerScratchTest {
    /** An owner whose scratch points back at it, as an engine's inner-class scan state does. */
    static final class Owner {
        final byte[] weight = new byte[1 << 16];
    }

    record Scratch(Owner owner) {
    }

    @Test
    void oneScratchPerOwnerAndThreadMadeOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        OwnerScratch<Owner, Scratch> scratch = new OwnerScratch<>(o -> {
            made.incrementAndGet();
            return new Scratch(o);
        });
        Owner a = new Owner();
        Owner b = new Owner();
        Scratch sa = scratch.of(a);
        assertSame(sa, scratch.of(a));
        Scratch sb = scratch.of(b);
        assertNotSame(sa, sb);
        assertSame(sa, scratch.of(a)); // both fit: no new one
        assertSame(sb, scratch.of(b));
        assertEquals(2, made.get());
        Scratch[] other = new Scratch[1];
        Thread t = new Thread(() -> other[0] = scratch.of(a));
        t.start();
        t.join();
        assertNotSame(sa, other[0]); // per thread
        assertSame(a, other[0].owner());
        assertEquals(3, made.get());
    }

    @Test
    void leastRecentlyUsedOwnerIsDroppedBeyondTheWays() {
        AtomicInteger made = new AtomicInteger();
        OwnerScratch<Owner, Scratch> scratch = new OwnerScratch<>(o -> {
            made.incrementAndGet();
            return new Scratch(o);
        });
        Owner[] owners = new Owner[OwnerScratch.WAYS + 1];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = new Owner();
            scratch.of(owners[i]);
        }
        assertEquals(owners.length, made.get());
        scratch.of(owners[owners.length - 1]); // still held
        assertEquals(owners.length, made.get());
        scratch.of(owners[0]); // was dropped: made again
        assertEquals(owners.length + 1, made.get());
    }

    @Test
    void aThreadDoesNotKeepEveryOwnerItUsed() {
        OwnerScratch<Owner, Scratch> scratch = new OwnerScratch<>(Scratch::new);
        WeakReference<Owner> first = new WeakReference<>(new Owner());
        scratch.of(first.get());
        for (int i = 0; i < 2 * OwnerScratch.WAYS; i++) {
            scratch.of(new Owner()); // later owners push the first out
        }
        for (int gc = 0; gc < 10 && first.get() != null; gc++) {
            System.gc(); // a request; counted, so the test ends even if the collector declines
        }
        assertNull(first.get(), "the first owner is still reachable from this thread's scratch");
    }
}
