package dev.hush.detect.rules;

import java.util.function.Function;

/**
 * Per-thread scratch of the last few owners (rule engines), found by identity. It replaces a {@code ThreadLocal}
 * field per engine: that value (an inner class of its engine) kept its own key reachable, so every engine a
 * thread had ever scanned with, with its whole compiled catalogue (~20 MB), stayed alive as long as the thread
 * did — a leak on each configuration reload, and an out-of-memory in the test JVM. Here a thread keeps at most
 * {@link #WAYS} engines; the least recently used one is dropped for a new one.
 */
final class OwnerScratch<O, S> {
    static final int WAYS = 2;
    private final ThreadLocal<Object[]> slots = ThreadLocal.withInitial(() -> new Object[2 * WAYS]);
    private final Function<O, S> make;

    OwnerScratch(Function<O, S> make) {
        this.make = make;
    }

    /** This thread's scratch of {@code owner}, made on first use (or after it was dropped). */
    @SuppressWarnings("unchecked")
    S of(O owner) {
        Object[] s = slots.get();
        if (s[0] == owner) {
            return (S) s[1];
        }
        for (int i = 2; i < s.length; i += 2) {
            if (s[i] == owner) {
                Object scratch = s[i + 1];
                System.arraycopy(s, 0, s, 2, i); // most recent first
                s[0] = owner;
                s[1] = scratch;
                return (S) scratch;
            }
        }
        S made = make.apply(owner);
        System.arraycopy(s, 0, s, 2, s.length - 2);
        s[0] = owner;
        s[1] = made;
        return made;
    }
}
