package dev.hush.audit;

import static dev.hush.audit.AuditFixtures.record;
import static dev.hush.audit.AuditFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.cli.HushMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void write20() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            for (int i = 0; i < 20; i++) {
                log.append(record(i)).toCompletableFuture().join();
            }
        }
        file = AuditFiles.list(dir).get(0);
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    @Test
    void intactLogVerifies() throws Exception {
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact());
        assertEquals(20, r.records());
        assertEquals(1, r.firstSeq());
        assertEquals(20, r.headSeq());
    }

    @Test
    void everySingleByteChangeInARecordIsDetected() throws Exception {
        byte[] original = Files.readAllBytes(file);
        int start = 0;
        for (int l = 0; l < 7; l++) {
            start = indexOf(original, (byte) '\n', start) + 1; // start of line 8
        }
        int end = indexOf(original, (byte) '\n', start);
        for (int pos = start; pos < end; pos++) {
            byte[] copy = original.clone();
            copy[pos] = (byte) (copy[pos] == 'x' ? 'y' : 'x');
            Files.write(file, copy);
            AuditVerifier.Report r = AuditVerifier.verify(dir);
            assertFalse(r.intact(), "byte " + (pos - start) + " of line 8 changed unnoticed");
            assertEquals(8, r.broken().line(), r.broken().toString());
            assertEquals(7, r.records());
        }
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void deletedLineIsDetected() throws Exception {
        List<String> lines = lines();
        lines.remove(9); // seq 10
        write(lines);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertFalse(r.intact());
        assertEquals(10, r.broken().line());
        assertEquals(11, r.broken().seq());
        assertTrue(r.broken().reason().contains("expected seq 10"), r.broken().reason());
    }

    @Test
    void reorderedLinesAreDetected() throws Exception {
        List<String> lines = lines();
        Collections.swap(lines, 4, 5);
        write(lines);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertFalse(r.intact());
        assertEquals(5, r.broken().line());
        assertEquals(6, r.broken().seq());
    }

    @Test
    void rewrittenRecordWithFreshHashBreaksTheNextLink() throws Exception {
        // An editor who recomputes the edited record's own hash still cannot fix the next record's prev.
        List<String> lines = lines();
        AuditLine.Encoded forged = AuditLine.encode(record(999), 12, linkOf(lines.get(10)).hash());
        lines.set(11, new String(forged.line(), StandardCharsets.UTF_8).strip());
        write(lines);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertFalse(r.intact());
        assertEquals(13, r.broken().line());
        assertTrue(r.broken().reason().contains("prev does not match"), r.broken().reason());
    }

    @Test
    void insertedGarbageLineIsDetected() throws Exception {
        List<String> lines = lines();
        lines.add(3, "{\"note\":\"hello\"}");
        write(lines);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertFalse(r.intact());
        assertEquals(4, r.broken().line());
        assertEquals(-1, r.broken().seq());
    }

    @Test
    void deletedFirstFileShowsAsChainNotFromGenesis() throws Exception {
        List<String> lines = lines();
        write(lines.subList(5, lines.size()));
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact());
        assertFalse(r.genesis());
        assertEquals(6, r.firstSeq());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("not at genesis")));
    }

    @Test
    void verifyCommandExitCodes() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, HushMain.run("audit", "verify", "--audit-dir", dir.toString()));
            assertTrue(buf.toString(StandardCharsets.UTF_8).contains("intact: 20 record(s)"));
            List<String> lines = lines();
            lines.set(2, lines.get(2).replace("user-2", "user-X"));
            write(lines);
            buf.reset();
            assertEquals(1, HushMain.run("audit", "verify", "--audit-dir", dir.toString()));
            String out = buf.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("BROKEN at " + file.getFileName() + ":3 (seq 3)"), out);
            buf.reset();
            assertEquals(0, HushMain.run("audit", "tail", "-n", "2", "--audit-dir", dir.toString()));
            String tail = buf.toString(StandardCharsets.UTF_8);
            assertEquals(2, tail.lines().count());
            assertTrue(tail.contains("\"seq\":20,"));
            assertEquals(2, HushMain.run("audit", "verify", "--audit-dir", dir.resolve("nope").toString()));
        } finally {
            System.setOut(old);
        }
    }

    private static AuditLine.Link linkOf(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return AuditLine.parse(b, b.length);
    }
}
