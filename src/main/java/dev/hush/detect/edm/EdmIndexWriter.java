package dev.hush.detect.edm;

import dev.hush.detect.SipHash;
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
 * Builds an EDM index from a CSV file in three sequential passes, so memory stays small (a 4 MB
 * histogram) whatever the row count: (1) parse, canonicalise and hash every cell of the chosen columns
 * into a temporary entry file while counting entries per hash prefix; (2) scatter the entries into their
 * buckets of the memory-mapped output; (3) sort each bucket by hash (stable, so rows stay ascending).
 * Plaintext never reaches the disk.
 */
public final class EdmIndexWriter {
    private static final int HISTOGRAM_BITS = 20;
    private static final int ENTRY_BYTES = 12;
    private static final long MAX_ENTRIES = Integer.MAX_VALUE / 8;

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
                    if (k.firstToken() != null) {
                        long ph = sip.hash(k.firstToken());
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
            scatterAndSort(tmp, setDir, offsets, (int) entries, bucketBits);
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

    /** About four entries per bucket, at most 2^20 buckets (4 MB of directory). */
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

    private static void scatterAndSort(Path tmp, Path setDir, int[] offsets, int entries, int bucketBits) throws IOException {
        int buckets = 1 << bucketBits;
        try (FileChannel hc = FileChannel.open(setDir.resolve(EdmIndex.HASHES), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel rc = FileChannel.open(setDir.resolve(EdmIndex.ROWS), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel in = FileChannel.open(tmp, StandardOpenOption.READ)) {
            MappedByteBuffer hm = hc.map(FileChannel.MapMode.READ_WRITE, 0, (long) entries * 8);
            MappedByteBuffer rm = rc.map(FileChannel.MapMode.READ_WRITE, 0, (long) entries * 4);
            hm.order(ByteOrder.LITTLE_ENDIAN);
            rm.order(ByteOrder.LITTLE_ENDIAN);
            int[] cursor = java.util.Arrays.copyOf(offsets, buckets);
            int shift = 64 - bucketBits;
            ByteBuffer buf = ByteBuffer.allocateDirect(ENTRY_BYTES * 8192).order(ByteOrder.LITTLE_ENDIAN);
            while (true) {
                int read = in.read(buf);
                buf.flip();
                while (buf.remaining() >= ENTRY_BYTES) {
                    long h = buf.getLong();
                    int r = buf.getInt();
                    int at = cursor[(int) (h >>> shift)]++;
                    hm.putLong(at << 3, h);
                    rm.putInt(at << 2, r);
                }
                buf.compact();
                if (read < 0) {
                    break;
                }
            }
            long[] hs = new long[64];
            int[] rs = new int[64];
            for (int b = 0; b < buckets; b++) {
                int lo = offsets[b];
                int n = offsets[b + 1] - lo;
                if (n < 2) {
                    continue;
                }
                if (hs.length < n) {
                    hs = new long[Math.max(n, hs.length * 2)];
                    rs = new int[hs.length];
                }
                for (int i = 0; i < n; i++) {
                    hs[i] = hm.getLong((lo + i) << 3);
                    rs[i] = rm.getInt((lo + i) << 2);
                }
                StableSort.byUnsigned(hs, rs, n);
                for (int i = 0; i < n; i++) {
                    hm.putLong((lo + i) << 3, hs[i]);
                    rm.putInt((lo + i) << 2, rs[i]);
                }
            }
            hm.force();
            rm.force();
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
