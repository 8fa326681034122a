package dev.hush.detect.rules;

/** Shannon entropy in bits per character, over the characters of a short string. */
public final class Entropy {
    /** Per-thread ASCII counts, all zero between calls (each call clears what it counted). */
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[128]);
    private static final double LN2 = Math.log(2);
    /**
     * {@code p * log2(p)} for p = count / n, computed once as each call would (same operations, same doubles) for
     * the short candidates and few repeats most values have: a log per distinct char was the cost of a check.
     */
    private static final int TABLE_N = 256;
    private static final int TABLE_COUNT = 16;
    private static final double[] TERMS = new double[(TABLE_N + 1) * (TABLE_COUNT + 1)];

    static {
        for (int n = 1; n <= TABLE_N; n++) {
            for (int count = 1; count <= TABLE_COUNT; count++) {
                TERMS[n * (TABLE_COUNT + 1) + count] = term(count, n);
            }
        }
    }

    private static double term(int count, int n) {
        double p = (double) count / n;
        return p * (Math.log(p) / LN2);
    }

    private Entropy() {
    }

    public static double shannon(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0;
        }
        int[] ascii = COUNTS.get();
        long low = 0; // which ASCII chars occur, so only those are read back (in ascending order, as before)
        long high = 0;
        java.util.HashMap<Character, Integer> other = null;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
                if (c < 64) {
                    low |= 1L << c;
                } else {
                    high |= 1L << (c - 64);
                }
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int half = 0; half < 2; half++) {
            long bits = half == 0 ? low : high;
            while (bits != 0) {
                int c = Long.numberOfTrailingZeros(bits) + 64 * half;
                bits &= bits - 1;
                int count = ascii[c];
                ascii[c] = 0;
                h -= n <= TABLE_N && count <= TABLE_COUNT ? TERMS[n * (TABLE_COUNT + 1) + count] : term(count, n);
            }
        }
        if (other != null) {
            for (int count : other.values()) {
                h -= term(count, n);
            }
        }
        return h;
    }

    public static double shannon(CharSequence s) {
        return shannon(s, 0, s.length());
    }
}
