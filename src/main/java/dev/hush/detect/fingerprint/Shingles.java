package dev.hush.detect.fingerprint;

import dev.hush.detect.SipHash;
import dev.hush.detect.WordTokens;

/**
 * Word shingles of a text and their winnowed selection (Schleimer, Wilkerson, Aiken 2003).
 *
 * <p>A shingle is {@value #K} consecutive word tokens; tokens ignore case, whitespace and punctuation, so a
 * reformatted copy has the same shingles. Each shingle is hashed with the keyed {@link SipHash}. Winnowing keeps
 * the smallest hash of every window of {@value #WINDOW} shingles (the rightmost on ties): about 2/(W+1) of the
 * shingles, and every shared run of at least K+W-1 = {@value #GUARANTEE} words yields a shared fingerprint,
 * whatever surrounds it. Prompt and document are winnowed alike, so a verbatim region selects the same
 * fingerprints in both.
 */
public final class Shingles {
    public static final int K = 5;
    public static final int WINDOW = 4;
    public static final int GUARANTEE = K + WINDOW - 1;

    private final WordTokens tokens;
    private final long[] hashes;

    private Shingles(WordTokens tokens, long[] hashes) {
        this.tokens = tokens;
        this.hashes = hashes;
    }

    /** Shingles of a lower-cased text (a {@code ScanText.lower()} view or its equivalent). */
    public static Shingles of(String lower, SipHash sip) {
        WordTokens t = WordTokens.of(lower);
        int n = t.count() - K + 1;
        if (n <= 0) {
            return new Shingles(t, new long[0]);
        }
        long[] h = new long[n];
        SipHash.State st = sip.start();
        for (int i = 0; i < n; i++) {
            st.reset();
            for (int j = i; j < i + K; j++) {
                if (j > i) {
                    st.absorb(' ');
                }
                st.absorb(lower, t.start(j), t.end(j));
            }
            h[i] = st.finish();
        }
        return new Shingles(t, h);
    }

    public int count() {
        return hashes.length;
    }

    public long hash(int i) {
        return hashes[i];
    }

    public int words() {
        return tokens.count();
    }

    /** Text offset where shingle i begins. */
    public int start(int i) {
        return tokens.start(i);
    }

    /** Text offset (exclusive) where shingle i ends. */
    public int end(int i) {
        return tokens.end(i + K - 1);
    }

    /** Positions of the winnowed shingles, ascending; a text shorter than one window keeps its minimum. */
    public int[] winnow() {
        int n = hashes.length;
        if (n == 0) {
            return new int[0];
        }
        int w = Math.min(WINDOW, n);
        int[] out = new int[n];
        int size = 0;
        int last = -1;
        for (int s = 0; s + w <= n; s++) {
            int min = s;
            for (int i = s + 1; i < s + w; i++) {
                if (Long.compareUnsigned(hashes[i], hashes[min]) <= 0) {
                    min = i;
                }
            }
            if (min != last) {
                out[size++] = min;
                last = min;
            }
        }
        return java.util.Arrays.copyOf(out, size);
    }
}
