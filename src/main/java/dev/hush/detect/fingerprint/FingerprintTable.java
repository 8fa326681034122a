package dev.hush.detect.fingerprint;

import java.util.Arrays;

/**
 * Fingerprint hash to document, for every registered document: parallel arrays sorted by hash, searched
 * by binary search. Documents are few and their fingerprints small (about 0.4 per word), so this lives on
 * the heap; 10 000 pages of text are about 2 million fingerprints, 24 MB.
 */
public final class FingerprintTable {
    private final long[] hashes;
    private final int[] docs;

    public FingerprintTable(long[] hashes, int[] docs) {
        if (hashes.length != docs.length) {
            throw new IllegalArgumentException("length mismatch");
        }
        this.hashes = hashes;
        this.docs = docs;
    }

    public static FingerprintTable sorted(long[] hashes, int[] docs, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(hashes[a], hashes[b]);
            return c != 0 ? c : Integer.compare(docs[a], docs[b]);
        });
        long[] h = new long[n];
        int[] d = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (m > 0 && h[m - 1] == hashes[i] && d[m - 1] == docs[i]) {
                continue;
            }
            h[m] = hashes[i];
            d[m] = docs[i];
            m++;
        }
        return new FingerprintTable(Arrays.copyOf(h, m), Arrays.copyOf(d, m));
    }

    public int size() {
        return hashes.length;
    }

    public long hash(int i) {
        return hashes[i];
    }

    public int doc(int i) {
        return docs[i];
    }

    /** Index of the first entry with this hash, or -1. Entries of one hash are contiguous. */
    public int first(long hash) {
        int i = Arrays.binarySearch(hashes, hash);
        if (i < 0) {
            return -1;
        }
        while (i > 0 && hashes[i - 1] == hash) {
            i--;
        }
        return i;
    }
}
