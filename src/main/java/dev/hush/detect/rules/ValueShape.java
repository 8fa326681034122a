package dev.hush.detect.rules;

/**
 * What a pattern's text must look like right after its anchor literal, read from the pattern by
 * {@link PatternFacts}: at most {@code maxPre} chars of {@code pre} (a name suffix, a delimiter, quotes), then a
 * run of at least {@code minRun} chars of {@code run} (the value). {@link #fits} is a linear walk that rejects an
 * anchor hit after which no such run can begin, so the JDK regex is never tried from the starts that hit admits.
 *
 * <p>Chars are indexed 0..127, 128 for any other char; a surrogate ends the walk as a fit (one regex position is
 * two chars there, so lengths counted in chars no longer bound it).
 */
final class ValueShape {
    /** A value run shorter than this gates too little to pay for the walk. */
    static final int MIN_RUN = 8;
    static final int UNBOUNDED = Integer.MAX_VALUE;

    final boolean[] pre;
    final int maxPre;
    /** The value run's chars, or null: the shape is still open (only its prefix is known). */
    final boolean[] run;
    final int minRun;

    private ValueShape(boolean[] pre, int maxPre, boolean[] run, int minRun) {
        this.pre = pre;
        this.maxPre = maxPre;
        this.run = run;
        this.minRun = minRun;
    }

    /** A part of a pattern of at most {@code maxWidth} chars (-1: unbounded), each in {@code chars}. */
    static ValueShape open(boolean[] chars, int maxWidth) {
        return new ValueShape(chars, maxWidth < 0 ? UNBOUNDED : maxWidth, null, 0);
    }

    /** A shape as {@link PatternFactsCache} stores it. */
    static ValueShape of(boolean[] pre, int maxPre, boolean[] run, int minRun) {
        return new ValueShape(pre, maxPre, run, minRun);
    }

    /** A run of at least {@code min} chars of {@code chars}. */
    static ValueShape run(boolean[] chars, int min) {
        return new ValueShape(new boolean[129], 0, chars, min);
    }

    boolean complete() {
        return run != null;
    }

    /** This part, then {@code next}. */
    ValueShape then(ValueShape next) {
        if (complete()) {
            return this;
        }
        int max = maxPre == UNBOUNDED || next.maxPre == UNBOUNDED ? UNBOUNDED : maxPre + next.maxPre;
        return new ValueShape(union(pre, next.pre), max, next.run, next.minRun);
    }

    /** Either part; {@code fallback} (the whole alternation as an open part) where only one has a run. */
    ValueShape or(ValueShape other, ValueShape fallback) {
        if (complete() != other.complete()) {
            return fallback;
        }
        return new ValueShape(union(pre, other.pre), Math.max(maxPre, other.maxPre),
                complete() ? union(run, other.run) : null, Math.min(minRun, other.minRun));
    }

    /** Worth checking: a run long enough that not every char may belong to it. */
    boolean gates() {
        if (!complete() || minRun < MIN_RUN) {
            return false;
        }
        for (boolean b : run) {
            if (!b) {
                return true;
            }
        }
        return false;
    }

    /**
     * False when no match part of this shape can start at {@code from} and end by {@code to}. The run may begin at
     * any r with {@code r - from <= maxPre} and only pre chars in [from, r); the walk keeps the latest such r
     * ({@code last}) and the start of the current run of run chars ({@code u}), so it reads each char once.
     */
    boolean fits(CharSequence t, int from, int to) {
        boolean[] p = pre;
        boolean[] v = run;
        int k = minRun;
        long limit = (long) from + maxPre;
        int last = limit > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit;
        int u = from;
        for (int q = from; q < to; q++) {
            char c = t.charAt(q);
            if (Character.isSurrogate(c)) {
                return true;
            }
            int x = c < 128 ? c : 128;
            if (q < last && !p[x]) {
                last = q;
            }
            if (v[x]) {
                if (q + 1 - u >= k) {
                    return true;
                }
            } else {
                u = q + 1;
            }
            if (u > last) {
                return false;
            }
        }
        return false;
    }

    /**
     * a ∪ b. The char sets are never written once built, so when one holds the other that one is returned, not
     * a copy (PatternFacts builds them by the thousand at every start).
     */
    static boolean[] union(boolean[] a, boolean[] b) {
        if (a == b) {
            return a;
        }
        boolean aHoldsB = true;
        boolean bHoldsA = true;
        for (int i = 0; i < a.length; i++) {
            aHoldsB &= a[i] | !b[i];
            bHoldsA &= b[i] | !a[i];
        }
        if (aHoldsB) {
            return a;
        }
        if (bHoldsA) {
            return b;
        }
        boolean[] u = a.clone();
        for (int i = 0; i < u.length; i++) {
            u[i] |= b[i];
        }
        return u;
    }
}
