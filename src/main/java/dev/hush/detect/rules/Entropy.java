package dev.hush.detect.rules;

/** Shannon entropy in bits per character, over the characters of a short string. */
public final class Entropy {
    /** Per-thread ASCII counts, all zero between calls (each call clears what it counted). */
    private static final ThreadLocal<int[]> COUNTS = ThreadLocal.withInitial(() -> new int[128]);
    private static final double LN2 = Math.log(2);

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
                double p = (double) ascii[c] / n;
                ascii[c] = 0;
                h -= p * (Math.log(p) / LN2);
            }
        }
        if (other != null) {
            for (int count : other.values()) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / LN2);
            }
        }
        return h;
    }

    public static double shannon(CharSequence s) {
        return shannon(s, 0, s.length());
    }
}
