package dev.hush.detect.rules;

import java.util.List;
import java.util.Set;

/**
 * Which chars an allowlist target holds (ASCII, upper case folded as the literal automaton folds it), read in
 * one pass the first time one of a rule's regexes asks and then shared by the others on the same target. A
 * literal every match needs cannot occur where one of its chars is absent, nor can a match start where none of
 * its first chars is: each such regex is then rejected by a few mask tests, before its automaton pass or its
 * matcher. A target holding other chars is not gated (Unicode case folding; the slower checks decide). These
 * gates reject only what the later checks reject, so answers do not change. One per thread, not shared.
 */
final class TargetChars {
    /** The automaton's hit collector, reset per target. */
    final AllowlistRegex.Hits hits = new AllowlistRegex.Hits();
    private static final ThreadLocal<TargetChars> PER_THREAD = ThreadLocal.withInitial(TargetChars::new);
    private String of;
    private long low;
    private long high;
    private boolean wide;

    /**
     * False when {@code target} lacks, for some factor of {@code factorMasks} (see {@link #masks}), every
     * literal's chars, or, with a first-char mask, holds none of its chars.
     */
    boolean mayHold(String target, long[][] factorMasks, long firstLow, long firstHigh) {
        if (of != target) {
            read(target);
        }
        if (wide) {
            return true;
        }
        if ((firstLow | firstHigh) != 0 && (low & firstLow | high & firstHigh) == 0) {
            return false;
        }
        if (factorMasks != null) {
            for (long[] factor : factorMasks) {
                if (!anyLiteralHeld(factor)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean anyLiteralHeld(long[] factor) {
        for (int k = 0; k < factor.length; k += 2) {
            if ((factor[k] & ~low) == 0 && (factor[k + 1] & ~high) == 0) {
                return true;
            }
        }
        return false;
    }

    /** This thread's instance. */
    static TargetChars forThread() {
        return PER_THREAD.get();
    }

    /** Drops the target (no candidate is kept past its checks). */
    void forget() {
        of = null;
    }

    private void read(String target) {
        of = target;
        long lo = 0;
        long hi = 0;
        boolean other = false;
        for (int i = 0, n = target.length(); i < n; i++) {
            char c = target.charAt(i);
            if (c >= 128) {
                other = true;
                break;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c < 64) {
                lo |= 1L << c;
            } else {
                hi |= 1L << (c - 64);
            }
        }
        low = lo;
        high = hi;
        wide = other;
    }

    /**
     * Per factor, the masks (low, high) of each of its literals that ASCII text can hold; a literal with another
     * char is left out (the case-folding automaton finds it in no ASCII text).
     */
    static long[][] masks(List<Set<String>> required) {
        long[][] out = new long[required.size()][];
        for (int f = 0; f < out.length; f++) {
            long[] masks = new long[2 * required.get(f).size()];
            int k = 0;
            for (String lit : required.get(f)) {
                long lo = 0;
                long hi = 0;
                boolean ascii = true;
                for (int i = 0; i < lit.length() && ascii; i++) {
                    char c = fold(lit.charAt(i));
                    ascii = c < 128;
                    if (c < 64) {
                        lo |= 1L << c;
                    } else if (ascii) {
                        hi |= 1L << (c - 64);
                    }
                }
                if (ascii) {
                    masks[k++] = lo;
                    masks[k++] = hi;
                }
            }
            out[f] = java.util.Arrays.copyOf(masks, k);
        }
        return out;
    }

    /** Chars {@code base..base+63} of {@code chars} (0..127 indexed) folded to lower case, as a mask of that half. */
    static long foldedMask(boolean[] chars, int base) {
        long mask = 0;
        for (int c = base; c < base + 64; c++) {
            if (chars[c]) {
                mask |= 1L << (fold((char) c) - base); // A-Z and a-z both lie in the upper half
            }
        }
        return mask;
    }

    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
