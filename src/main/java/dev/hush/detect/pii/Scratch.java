package dev.hush.detect.pii;

/**
 * Per-thread working arrays of the PII detectors, so a scan allocates none. Detectors run one at a time
 * on a thread and never call each other, so they can share one set.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    final int[] groupStart = new int[16];
    final int[] groupEnd = new int[16];
    final char[] sepAfter = new char[16];
    final int[] lengths = new int[16];
    final char[] chars = new char[40];

    static Scratch get() {
        return LOCAL.get();
    }
}
