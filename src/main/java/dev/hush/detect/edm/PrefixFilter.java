package dev.hush.detect.edm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A one-hash bit filter of the first tokens of multi-word values ("john" of "John Smith"). Most words of a
 * prompt start no indexed value, so the detector tries word n-grams only from words that pass: that turns
 * up to {@code maxTokens} hash lookups per word into one bit test. False positives only cost time. The filter
 * is built at the largest size and folded (OR of halves, which keeps {@code hash & mask} valid) down to about
 * sixteen bits per set bit, so it stays small and in cache.
 */
final class PrefixFilter {
    static final String FILE = "prefixes.bin";
    static final int MAX_BITS = 24;
    private static final int MIN_BITS = 10;

    private final MappedByteBuffer bits;
    private final long mask;

    private PrefixFilter(MappedByteBuffer bits, int log2) {
        this.bits = bits;
        this.mask = (1L << log2) - 1;
    }

    /** Folds and writes the filter; returns log2 of its size in bits. */
    static int write(long[] full, Path dir) throws IOException {
        long set = 0;
        for (long w : full) {
            set += Long.bitCount(w);
        }
        long[] words = full;
        int log2 = MAX_BITS;
        while (log2 > MIN_BITS && (1L << (log2 - 1)) >= set * 16) {
            int half = words.length / 2;
            long[] folded = new long[half];
            for (int i = 0; i < half; i++) {
                folded[i] = words[i] | words[i + half];
            }
            words = folded;
            log2--;
        }
        ByteBuffer b = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        Files.write(dir.resolve(FILE), b.array());
        return log2;
    }

    static PrefixFilter open(Path dir, int log2) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.READ)) {
            if (ch.size() != (1L << log2) / 8) {
                throw new IOException(dir + ": " + FILE + " does not fit the index; rebuild the set");
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            return new PrefixFilter(m, log2);
        }
    }

    boolean mightStart(long tokenHash) {
        long bit = tokenHash & mask;
        return (bits.getLong((int) (bit >>> 6) << 3) & (1L << bit)) != 0;
    }

    void preload() {
        bits.load();
    }
}
