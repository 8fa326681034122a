package dev.hush.detect.edm;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, memory-mapped EDM index: entries (64-bit keyed hash, row id, column id) sorted by hash and
 * then row, with a directory of bucket offsets by the hash's top bits. Lookups touch a directory slot and
 * a few neighbouring hashes, so a prompt costs the same at ten rows as at ten million, and the index lives in
 * the page cache, not the Java heap. Absolute reads on mapped buffers are thread-safe.
 *
 * <p>Files: {@code buckets.bin} ((2^B + 1) little-endian ints), {@code hashes.bin} (longs),
 * {@code rows.bin} (ints, {@code row << 5 | column}), {@code prefixes.bin} ({@link PrefixFilter}).
 */
public final class EdmIndex {
    static final String BUCKETS = "buckets.bin";
    static final String HASHES = "hashes.bin";
    static final String ROWS = "rows.bin";
    static final int COLUMN_BITS = 5;
    static final int MAX_COLUMNS = 1 << COLUMN_BITS;
    static final long MAX_ROWS = 1L << (31 - COLUMN_BITS);

    private final MappedByteBuffer buckets;
    private final MappedByteBuffer hashes;
    private final MappedByteBuffer rows;
    private final PrefixFilter prefixes;
    private final int shift;
    private final int entries;

    private EdmIndex(MappedByteBuffer buckets, MappedByteBuffer hashes, MappedByteBuffer rows, PrefixFilter prefixes,
            int bucketBits) {
        this.prefixes = prefixes;
        this.buckets = buckets;
        this.hashes = hashes;
        this.rows = rows;
        this.shift = 64 - bucketBits;
        this.entries = hashes.capacity() / 8;
    }

    public static EdmIndex open(Path setDir, int bucketBits, int prefixBits) throws IOException {
        MappedByteBuffer b = map(setDir.resolve(BUCKETS));
        MappedByteBuffer h = map(setDir.resolve(HASHES));
        MappedByteBuffer r = map(setDir.resolve(ROWS));
        if (b.capacity() != ((1 << bucketBits) + 1) * 4 || h.capacity() / 8 != r.capacity() / 4) {
            throw new IOException(setDir + ": EDM index files do not fit together; rebuild the set");
        }
        return new EdmIndex(b, h, r, PrefixFilter.open(setDir, prefixBits), bucketBits);
    }

    private static MappedByteBuffer map(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            return m;
        }
    }

    /** Touches every page so the first prompts do not wait for the disk. */
    public void preload() {
        buckets.load();
        hashes.load();
        rows.load();
        prefixes.preload();
    }

    /** False when no multi-word value starts with the token of this hash (its one-token key hash). */
    public boolean mightStart(long tokenHash) {
        return prefixes.mightStart(tokenHash);
    }

    public int entries() {
        return entries;
    }

    /** The entries of a hash as {@code lo << 32 | hi} (hi exclusive); lo == hi when absent. */
    public long find(long hash) {
        int b = (int) (hash >>> shift);
        int lo = buckets.getInt(b << 2);
        int hi = buckets.getInt((b + 1) << 2);
        if (lo == hi) {
            return 0;
        }
        int first = lowerBound(lo, hi, hash);
        if (first == hi || hashes.getLong(first << 3) != hash) {
            return 0;
        }
        int end = first + 1;
        if (end < hi && hashes.getLong(end << 3) == hash) {
            end = upperBound(end, hi, hash);
        }
        return ((long) first << 32) | end;
    }

    private int lowerBound(int lo, int hi, long hash) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashes.getLong(mid << 3), hash) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(int lo, int hi, long hash) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashes.getLong(mid << 3), hash) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code row << 5 | column} of entry i. */
    public int rowColumn(int i) {
        return rows.getInt(i << 2);
    }

    /** First entry in [lo, hi) (one hash, sorted by row) that belongs to {@code row}, or -1. */
    public int findRow(int lo, int hi, int row) {
        int key = row << COLUMN_BITS;
        int a = lo;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (rows.getInt(mid << 2) < key) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a < hi && (rows.getInt(a << 2) >>> COLUMN_BITS) == row ? a : -1;
    }
}
