package dev.hush.detect.edm;

import dev.hush.detect.SipHash;
import dev.hush.detect.StableSort;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Builds an EDM index from a CSV file with sequential I/O only, so memory stays bounded (a 4 MB histogram
 * and a ~100 MB sort window) whatever the row count: (1) parse, canonicalise and hash every cell of the
 * chosen columns into a temporary entry file while counting entries per hash prefix; (2) per window of
 * consecutive buckets, read the entry file, place its entries, sort each bucket by hash (stable, so rows stay
 * ascending) and append the window to the index files.
 * Plaintext never reaches the disk.
 */
public final class EdmIndexWriter {
    private static final int HISTOGRAM_BITS = 22;
    private static final int ENTRY_BYTES = 12;
    private static final long MAX_ENTRIES = Integer.MAX_VALUE / 8;
    /** Entries sorted in memory per pass over the temporary file: 96 MB of heap. */
    private static final int WINDOW_ENTRIES = 8 << 20;

    private EdmIndexWriter() {
    }

    /** Options of {@code hush edm add}. */
    public record Options(String name, List<String> columns, List<String> unique, int minFields, char delimiter) {
    }

    /**
     * Builds the set into {@code setDir}, which must not exist yet (the caller builds into a temporary
     * directory and moves it into place, so a running proxy never sees a half-written set).
     */
    public static EdmSetMeta build(Path csv, Path setDir, Options opt, SipHash sip, String keyCheck) throws IOException {
        return build(csv, setDir, opt, sip, keyCheck, WINDOW_ENTRIES);
    }

    /** As above with a given sort window (tests use a tiny one to exercise many passes). */
    static EdmSetMeta build(Path csv, Path setDir, Options opt, SipHash sip, String keyCheck, int window) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(setDir);
        Path tmp = setDir.resolve("entries.tmp");
        int[] histogram = new int[1 << HISTOGRAM_BITS];
        long[] prefixes = new long[(1 << PrefixFilter.MAX_BITS) / 64];
        long rows = 0;
        long entries = 0;
        long skipped = 0;
        int maxTokens = 1;
        int maxKey = EdmKeys.MIN_KEY_LENGTH;
        List<String> columns;
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(opt.delimiter()).setHeader()
                .setSkipHeaderRecord(true).setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(csv); CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get();
                FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int[] colIndex = resolveColumns(parser.getHeaderNames(), opt.columns());
            columns = new ArrayList<>();
            for (int c : colIndex) {
                columns.add(clean(parser.getHeaderNames().get(c)));
            }
            for (String u : opt.unique()) {
                if (!containsIgnoreCase(columns, u)) {
                    throw new IllegalArgumentException("--unique " + u + ": not one of the indexed columns " + columns);
                }
            }
            ByteBuffer buf = ByteBuffer.allocateDirect(ENTRY_BYTES * 8192).order(ByteOrder.LITTLE_ENDIAN);
            for (CSVRecord rec : parser) {
                if (rows >= EdmIndex.MAX_ROWS) {
                    throw new IllegalArgumentException(csv + ": more than " + EdmIndex.MAX_ROWS + " rows");
                }
                for (int c = 0; c < colIndex.length; c++) {
                    String cell = colIndex[c] < rec.size() ? rec.get(colIndex[c]) : null;
                    EdmKeys.CellKey k = EdmKeys.cellKey(cell);
                    if (k == null) {
                        if (cell != null && !cell.isBlank()) {
                            skipped++;
                        }
                        continue;
                    }
                    if (!k.digitsOnly()) {
                        maxTokens = Math.max(maxTokens, k.tokens());
                    }
                    maxKey = Math.max(maxKey, k.key().length());
                    if (!k.digitsOnly()) {
                        long ph = sip.hash(k.prefix());
                        prefixes[(int) ((ph & ((1 << PrefixFilter.MAX_BITS) - 1)) >>> 6)] |= 1L << ph;
                    }
                    long h = sip.hash(k.key());
                    histogram[(int) (h >>> (64 - HISTOGRAM_BITS))]++;
                    if (!buf.hasRemaining()) {
                        flush(buf, out);
                    }
                    buf.putLong(h).putInt((int) (rows << EdmIndex.COLUMN_BITS) | c);
                    if (++entries > MAX_ENTRIES) {
                        throw new IllegalArgumentException(csv + ": more than " + MAX_ENTRIES + " cells to index");
                    }
                }
                rows++;
            }
            flush(buf, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        int prefixBits = PrefixFilter.write(prefixes, setDir);
        int bucketBits = bucketBits(entries);
        int[] offsets = offsets(histogram, bucketBits);
        long repeated;
        try {
            scatterAndSort(tmp, setDir, offsets, bucketBits, window);
            repeated = repeatedUnique(setDir, bucketBits, prefixBits, uniqueMask(columns, opt.unique()));
        } finally {
            Files.deleteIfExists(tmp);
        }
        EdmSetMeta meta = new EdmSetMeta(EdmSetMeta.FORMAT, opt.name(), columns, canonicalUnique(columns, opt.unique()),
                opt.minFields(), rows, entries, skipped, repeated, bucketBits, prefixBits, maxTokens, maxKey, keyCheck,
                Instant.now().toString(), (System.nanoTime() - t0) / 1_000_000);
        meta.write(setDir);
        return meta;
    }

    private static void flush(ByteBuffer buf, FileChannel out) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    /** About four entries per bucket, at most 2^22 buckets (16 MB of directory): a lookup reads one or two cache lines. */
    static int bucketBits(long entries) {
        int bits = 4;
        while (bits < HISTOGRAM_BITS && (1L << bits) * 4 < entries) {
            bits++;
        }
        return bits;
    }

    private static int[] offsets(int[] histogram, int bucketBits) {
        int buckets = 1 << bucketBits;
        int per = histogram.length / buckets;
        int[] off = new int[buckets + 1];
        int sum = 0;
        for (int b = 0; b < buckets; b++) {
            off[b] = sum;
            for (int k = b * per; k < (b + 1) * per; k++) {
                sum += histogram[k];
            }
        }
        off[buckets] = sum;
        return off;
    }

    /**
     * Moves the entries into bucket order in a few sequential passes over the temporary file, each pass
     * filling a heap window of consecutive buckets (at most {@link #WINDOW_ENTRIES} entries unless one bucket
     * alone is larger), sorting its buckets and appending it to the output files. Random writes into a
     * mapped file would be simpler but turn into random disk writes once the index outgrows the page cache.
     */
    private static void scatterAndSort(Path tmp, Path setDir, int[] offsets, int bucketBits, int window) throws IOException {
        int buckets = 1 << bucketBits;
        int shift = 64 - bucketBits;
        try (FileChannel hc = FileChannel.open(setDir.resolve(EdmIndex.HASHES), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                FileChannel rc = FileChannel.open(setDir.resolve(EdmIndex.ROWS), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                FileChannel in = FileChannel.open(tmp, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(ENTRY_BYTES * 8192).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer outBuf = ByteBuffer.allocateDirect(8 << 16).order(ByteOrder.LITTLE_ENDIAN);
            long[] hs = new long[0];
            int[] rs = new int[0];
            long[] sortH = new long[64];
            int[] sortR = new int[64];
            int first = 0;
            while (first < buckets) {
                int last = first + 1;
                while (last < buckets && offsets[last + 1] - offsets[first] <= window) {
                    last++;
                }
                int base = offsets[first];
                int size = offsets[last] - base;
                if (hs.length < size) {
                    hs = new long[size];
                    rs = new int[size];
                }
                int[] cursor = new int[last - first];
                for (int b = first; b < last; b++) {
                    cursor[b - first] = offsets[b] - base;
                }
                in.position(0);
                while (true) {
                    int read = in.read(buf);
                    buf.flip();
                    while (buf.remaining() >= ENTRY_BYTES) {
                        long h = buf.getLong();
                        int r = buf.getInt();
                        int b = (int) (h >>> shift);
                        if (b >= first && b < last) {
                            int at = cursor[b - first]++;
                            hs[at] = h;
                            rs[at] = r;
                        }
                    }
                    buf.compact();
                    if (read < 0) {
                        break;
                    }
                }
                for (int b = first; b < last; b++) {
                    int lo = offsets[b] - base;
                    int n = offsets[b + 1] - offsets[b];
                    if (n < 2) {
                        continue;
                    }
                    if (sortH.length < n) {
                        sortH = new long[Math.max(n, sortH.length * 2)];
                        sortR = new int[sortH.length];
                    }
                    System.arraycopy(hs, lo, sortH, 0, n);
                    System.arraycopy(rs, lo, sortR, 0, n);
                    StableSort.byUnsigned(sortH, sortR, n);
                    System.arraycopy(sortH, 0, hs, lo, n);
                    System.arraycopy(sortR, 0, rs, lo, n);
                }
                for (int i = 0; i < size; i++) {
                    if (outBuf.remaining() < 8) {
                        flush(outBuf, hc);
                    }
                    outBuf.putLong(hs[i]);
                }
                flush(outBuf, hc);
                for (int i = 0; i < size; i++) {
                    if (outBuf.remaining() < 4) {
                        flush(outBuf, rc);
                    }
                    outBuf.putInt(rs[i]);
                }
                flush(outBuf, rc);
                first = last;
            }
            hc.force(true);
            rc.force(true);
        }
        ByteBuffer dir = ByteBuffer.allocate(offsets.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int o : offsets) {
            dir.putInt(o);
        }
        Files.write(setDir.resolve(EdmIndex.BUCKETS), dir.array());
    }

    /** Counts hashes that occur in unique columns of more than one row: such a column is not really unique. */
    private static long repeatedUnique(Path setDir, int bucketBits, int prefixBits, int uniqueMask) throws IOException {
        if (uniqueMask == 0) {
            return 0;
        }
        EdmIndex idx = EdmIndex.open(setDir, bucketBits, prefixBits);
        long repeated = 0;
        int n = idx.entries();
        int i = 0;
        MappedByteBuffer hashes;
        try (FileChannel hc = FileChannel.open(setDir.resolve(EdmIndex.HASHES), StandardOpenOption.READ)) {
            hashes = hc.map(FileChannel.MapMode.READ_ONLY, 0, hc.size());
            hashes.order(ByteOrder.LITTLE_ENDIAN);
        }
        while (i < n) {
            long h = hashes.getLong(i << 3);
            int j = i;
            int uniqueRows = 0;
            int lastRow = -1;
            while (j < n && hashes.getLong(j << 3) == h) {
                int rcv = idx.rowColumn(j);
                if ((uniqueMask & (1 << (rcv & (EdmIndex.MAX_COLUMNS - 1)))) != 0 && (rcv >>> EdmIndex.COLUMN_BITS) != lastRow) {
                    uniqueRows++;
                    lastRow = rcv >>> EdmIndex.COLUMN_BITS;
                }
                j++;
            }
            if (uniqueRows > 1) {
                repeated++;
            }
            i = j;
        }
        return repeated;
    }

    private static int[] resolveColumns(List<String> header, List<String> wanted) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.putIfAbsent(clean(header.get(i)).toLowerCase(Locale.ROOT), i);
        }
        List<String> names = wanted == null || wanted.isEmpty() ? header : wanted;
        if (names.size() > EdmIndex.MAX_COLUMNS) {
            throw new IllegalArgumentException("at most " + EdmIndex.MAX_COLUMNS + " columns can be indexed");
        }
        int[] idx = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Integer c = byName.get(clean(names.get(i)).toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new IllegalArgumentException("column '" + names.get(i) + "' not in the CSV header " + cleanAll(header));
            }
            idx[i] = c;
        }
        return idx;
    }

    private static String clean(String h) {
        return h == null ? "" : h.replace("\uFEFF", "").strip();
    }

    private static List<String> cleanAll(List<String> header) {
        List<String> l = new ArrayList<>();
        header.forEach(h -> l.add(clean(h)));
        return l;
    }

    private static boolean containsIgnoreCase(List<String> cols, String c) {
        return cols.stream().anyMatch(x -> x.equalsIgnoreCase(c.strip()));
    }

    private static List<String> canonicalUnique(List<String> cols, List<String> unique) {
        List<String> out = new ArrayList<>();
        for (String u : unique) {
            cols.stream().filter(x -> x.equalsIgnoreCase(u.strip())).findFirst().ifPresent(out::add);
        }
        return out;
    }

    private static int uniqueMask(List<String> cols, List<String> unique) {
        int m = 0;
        for (String u : canonicalUnique(cols, unique)) {
            m |= 1 << cols.indexOf(u);
        }
        return m;
    }
}
