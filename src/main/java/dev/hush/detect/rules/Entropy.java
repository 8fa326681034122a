package dev.hush.detect.rules;

/** Shannon entropy in bits per character, over the characters of a short string. */
public final class Entropy {
    private Entropy() {
    }

    public static double shannon(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0;
        }
        int[] ascii = new int[128];
        java.util.HashMap<Character, Integer> other = null;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int count : ascii) {
            if (count > 0) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other != null) {
            for (int count : other.values()) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        return h;
    }

    public static double shannon(CharSequence s) {
        return shannon(s, 0, s.length());
    }
}
