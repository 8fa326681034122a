package dev.hush.detect.nlp;

import java.util.Arrays;

/**
 * Cuts tokens into sentences for the name finder, the same way at training and at detection time:
 * at line breaks, and after {@code . ! ?} unless the dot closes an initial or a title ("J.", "Dr.").
 * Long sentences are cut every {@link #MAX_TOKENS} tokens so that the work per sentence is bounded.
 */
final class Sentences {
    static final int MAX_TOKENS = 40;

    private Sentences() {
    }

    /** Sentence boundaries as token indices: 0, …, size (strictly increasing). */
    static int[] cuts(Tokens t) {
        int n = t.size();
        int[] out = new int[8];
        int m = 0;
        out[m++] = 0;
        int last = 0;
        for (int k = 1; k < n; k++) {
            if (k - last >= MAX_TOKENS || t.newlineBefore(k) || endsSentence(t, k - 1)) {
                if (m == out.length) {
                    out = Arrays.copyOf(out, m * 2);
                }
                out[m++] = k;
                last = k;
            }
        }
        if (n > 0) {
            if (m == out.length) {
                out = Arrays.copyOf(out, m + 1);
            }
            out[m++] = n;
        }
        return Arrays.copyOf(out, m);
    }

    /** True when token k is a sentence-final mark (not the dot of an initial or an abbreviated title). */
    static boolean endsSentence(Tokens t, int k) {
        if (t.kind(k) != Tokens.PUNCT) {
            return false;
        }
        char c = t.charAt(k, 0);
        if (c == '!' || c == '?') {
            return k + 1 >= t.size() || !t.touchesPrevious(k + 1);
        }
        if (c != '.' || k + 1 < t.size() && t.touchesPrevious(k + 1)) {
            return false; // "example.com", "3.5", "e.g.,": no space after the dot
        }
        if (k == 0 || !t.touchesPrevious(k) || t.kind(k - 1) != Tokens.WORD) {
            return true;
        }
        int len = t.length(k - 1);
        return len > 3 || !Character.isUpperCase(t.charAt(k - 1, 0));
    }
}
