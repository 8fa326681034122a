package dev.hush.detect.edm;

/** Stable sort of parallel arrays by unsigned 64-bit key (buckets are small, except for very common values). */
final class StableSort {
    private StableSort() {
    }

    static void byUnsigned(long[] keys, int[] vals, int n) {
        if (n <= 32) {
            insertion(keys, vals, 0, n);
            return;
        }
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        for (int w = 32, i = 0; i < n; i += w) {
            insertion(keys, vals, i, Math.min(n, i + w));
        }
        long[] ka = keys;
        int[] va = vals;
        long[] kb = k2;
        int[] vb = v2;
        for (int width = 32; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    if (Long.compareUnsigned(ka[j], ka[i]) < 0) {
                        kb[o] = ka[j];
                        vb[o++] = va[j++];
                    } else {
                        kb[o] = ka[i];
                        vb[o++] = va[i++];
                    }
                }
                while (i < mid) {
                    kb[o] = ka[i];
                    vb[o++] = va[i++];
                }
                while (j < hi) {
                    kb[o] = ka[j];
                    vb[o++] = va[j++];
                }
            }
            long[] tk = ka;
            ka = kb;
            kb = tk;
            int[] tv = va;
            va = vb;
            vb = tv;
        }
        if (ka != keys) {
            System.arraycopy(ka, 0, keys, 0, n);
            System.arraycopy(va, 0, vals, 0, n);
        }
    }

    private static void insertion(long[] k, int[] v, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long kk = k[i];
            int vv = v[i];
            int j = i - 1;
            while (j >= from && Long.compareUnsigned(k[j], kk) > 0) {
                k[j + 1] = k[j];
                v[j + 1] = v[j];
                j--;
            }
            k[j + 1] = kk;
            v[j + 1] = vv;
        }
    }
}
