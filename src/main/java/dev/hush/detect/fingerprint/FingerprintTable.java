package dev.hush.detect.fingerprint;

import dev.hush.detect.StableSort;
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

    /**
     * Sorts (hash, document) pairs by unsigned hash and drops repeats. Pairs must come in ascending document
     * order; the sort is stable, so documents stay ascending within a hash.
     */
    public static FingerprintTable sorted(long[] hashes, int[] docs, int n) {
        long[] h = Arrays.copyOf(hashes, n);
        int[] d = Arrays.copyOf(docs, n);
        StableSort.byUnsigned(h, d, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && h[m - 1] == h[i] && d[m - 1] == d[i]) {
                continue;
            }
            h[m] = h[i];
            d[m] = d[i];
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
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashes[mid], hash) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < hashes.length && hashes[lo] == hash ? lo : -1;
    }
}
