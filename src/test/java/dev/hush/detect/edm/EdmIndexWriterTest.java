package dev.hush.detect.edm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdmIndexWriterTest {
    @TempDir
    Path dir;

    @Test
    void manySmallSortWindowsGiveTheSameIndexAsOne() throws IOException {
        Path csv = EdmTestData.customers(dir);
        SipHash sip = new SipHash(new byte[16]);
        EdmIndexWriter.Options opt = new EdmIndexWriter.Options("c", List.of(), List.of("account"), 2, ',');
        EdmSetMeta one = EdmIndexWriter.build(csv, dir.resolve("one"), opt, sip, "k", 1 << 20);
        EdmSetMeta many = EdmIndexWriter.build(csv, dir.resolve("many"), opt, sip, "k", 7);
        assertEquals(one.entries(), many.entries());
        for (String f : List.of(EdmIndex.HASHES, EdmIndex.ROWS, EdmIndex.BUCKETS, PrefixFilter.FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(f)), Files.readAllBytes(dir.resolve("many").resolve(f)), f);
        }
        assertTrue(!Files.exists(dir.resolve("many").resolve("entries.tmp")));
    }

    @Test
    void everyCellCanBeFoundAgainAndEntriesAreSorted() throws IOException {
        Path csv = EdmTestData.customers(dir);
        SipHash sip = new SipHash(new byte[16]);
        EdmSetMeta m = EdmIndexWriter.build(csv, dir.resolve("idx"),
                new EdmIndexWriter.Options("c", List.of("email", "account"), List.of(), 2, ','), sip, "k", 5);
        EdmIndex idx = EdmIndex.open(dir.resolve("idx"), m.bucketBits(), m.prefixBits());
        long r = idx.find(sip.hash(EdmKeys.cellKey("p57@example.net").key()));
        int lo = (int) (r >>> 32);
        int hi = (int) r;
        assertEquals(1, hi - lo);
        assertEquals(56, idx.rowColumn(lo) >>> EdmIndex.COLUMN_BITS, "row id of the 57th data row");
        assertEquals(0, idx.rowColumn(lo) & 31, "column email");
        assertEquals(0, idx.find(sip.hash("nobody@example.net")));
    }
}
