package dev.hush.audit;

import static dev.hush.audit.AuditFixtures.record;
import static dev.hush.audit.AuditFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.cli.HushMain;
import dev.hush.config.AuditSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.preallocateBytes}: zeros written ahead of the records, readers stopping at them, recovery. */
class PreallocatedLogTest {
    private static final int AHEAD = 65_536;

    @TempDir
    Path dir;

    private static AuditSettings ahead() {
        AuditSettings s = settings();
        s.preallocateBytes = AHEAD;
        return s;
    }

    private static long zerosAtEnd(byte[] b) {
        int i = b.length;
        while (i > 0 && b[i - 1] == 0) {
            i--;
        }
        return b.length - i;
    }

    @Test
    void recordsGoIntoZerosWrittenAheadAndEveryReaderStopsAtThem() throws Exception {
        Path file;
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, ahead())) {
            for (int i = 0; i < 20; i++) {
                log.append(record(i)).toCompletableFuture().join();
            }
            file = AuditFiles.list(dir).get(0);
            byte[] open = Files.readAllBytes(file);
            assertTrue(open.length >= AHEAD, "zeros written ahead: " + open.length);
            assertTrue(zerosAtEnd(open) > 0);
            long dataEnd = open.length - zerosAtEnd(open);
            assertEquals('\n', open[(int) dataEnd - 1]);
            AuditVerifier.Report r = AuditVerifier.verify(dir);
            assertTrue(r.intact(), String.valueOf(r.broken()));
            assertEquals(20, r.records());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("zero bytes after the last record")), r.notes().toString());
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream old = System.out;
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                assertEquals(0, HushMain.run("audit", "tail", "-n", "2", "--audit-dir", dir.toString()));
            } finally {
                System.setOut(old);
            }
            String tail = buf.toString(StandardCharsets.UTF_8);
            assertEquals(2, tail.lines().count(), tail);
            assertTrue(tail.contains("\"seq\":20,"), tail);
            assertFalse(tail.contains("\0"));
        }
        // closed: the file ends at its last record
        byte[] closed = Files.readAllBytes(file);
        assertEquals(0, zerosAtEnd(closed));
        assertEquals('\n', closed[closed.length - 1]);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact());
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        // reopened, with and without preallocation, the chain goes on
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, ahead())) {
            log.append(record(20)).toCompletableFuture().join();
        }
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            log.append(record(21)).toCompletableFuture().join();
        }
        r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(22, r.records());
    }

    @Test
    void afterACrashRecoveryFindsTheEndAtTheFirstZeroAndKeepsWhatFollowsAsTorn() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            for (int i = 0; i < 5; i++) {
                log.append(record(i)).toCompletableFuture().join();
            }
        }
        Path file = AuditFiles.list(dir).get(0);
        byte[] records = Files.readAllBytes(file);
        // a crash mid-batch inside the zeros: the batch's first page never reached the disk (zeros), a later
        // page did (a line that looks complete), then the zeros written ahead
        byte[] later = "{\"v\":1,\"seq\":99,\"looks\":\"complete\"}\n".getBytes(StandardCharsets.US_ASCII);
        byte[] crashed = new byte[records.length + 10 + 4096 + later.length + 20_000];
        System.arraycopy(records, 0, crashed, 0, records.length);
        byte[] partial = "{\"v\":1,\"s".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(partial, 0, crashed, records.length, partial.length);
        System.arraycopy(later, 0, crashed, records.length + 10 + 4096, later.length);
        Files.write(file, crashed);

        AuditVerifier.Report before = AuditVerifier.verify(dir);
        assertTrue(before.intact(), "the records before the first zero verify: " + before.broken());
        assertEquals(5, before.records());

        try (ChainedAuditLog log = ChainedAuditLog.open(dir, ahead())) {
            log.append(record(5)).toCompletableFuture().join();
            assertEquals(6, log.durableSeq());
        }
        byte[] torn = Files.readAllBytes(file.resolveSibling(file.getFileName() + AuditFiles.TORN_SUFFIX));
        assertArrayEquals(Arrays.copyOfRange(crashed, records.length, records.length + 10 + 4096 + later.length), torn);
        byte[] now = Files.readAllBytes(file);
        assertArrayEquals(records, Arrays.copyOf(now, records.length), "acknowledged records untouched");
        assertEquals(0, zerosAtEnd(now));
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(6, r.records());
    }

    @Test
    void zerosAfterTheLastCompleteRecordAreCutWithoutATornFile() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, ahead())) {
            log.append(record(0)).toCompletableFuture().join();
        }
        Path file = AuditFiles.list(dir).get(0);
        byte[] records = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(records, records.length + AHEAD)); // the process died, the zeros stayed
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            log.append(record(1)).toCompletableFuture().join();
        }
        assertFalse(Files.exists(file.resolveSibling(file.getFileName() + AuditFiles.TORN_SUFFIX)));
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(2, r.records());
        assertEquals(0, zerosAtEnd(Files.readAllBytes(file)));
    }
}
