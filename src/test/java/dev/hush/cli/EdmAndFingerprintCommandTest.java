package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdmAndFingerprintCommandTest {
    @TempDir
    Path dir;
    private PrintStream oldOut;
    private PrintStream oldErr;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String out() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    @Test
    void edmAddListScanRemove() throws Exception {
        Path csv = dir.resolve("customers.csv");
        Files.writeString(csv, "name,email,account\nJohn Smith,john.smith@example.com,ACC-0012-3456\n"
                + "Maria Garcia,maria.g@example.org,ACC-0098-7654\n");
        Path data = dir.resolve("data");
        Path config = dir.resolve("hush.yaml");
        Files.writeString(config, "dataDir: " + data + "\n");
        assertEquals(0, HushMain.run("edm", "add", "customers", csv.toString(), "--columns", "name,email,account",
                "--unique", "account", "--config", config.toString()));
        String added = out();
        assertTrue(added.contains("edm set 'customers': 2 rows"), added);
        assertFalse(added.contains("john.smith"), added);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(data.resolve("hash.key"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);

        assertEquals(2, HushMain.run("edm", "add", "customers", csv.toString(), "--data-dir", data.toString()),
                "an existing set is not replaced without --replace");

        assertEquals(0, HushMain.run("edm", "list", "--data-dir", data.toString()));
        assertTrue(out().contains("customers"));

        Path prompt = dir.resolve("prompt.txt");
        Files.writeString(prompt, "Write to John Smith at JOHN.SMITH@example.com about the refund.");
        assertEquals(1, HushMain.run("scan", prompt.toString(), "--config", config.toString()));
        String scanned = out();
        assertTrue(scanned.contains("EDM.customers") && scanned.contains("edm:customers"), scanned);
        assertFalse(scanned.contains("JOHN.SMITH@example.com"), "never the whole value: " + scanned);

        assertEquals(0, HushMain.run("edm", "remove", "customers", "--data-dir", data.toString()));
        assertEquals(2, HushMain.run("edm", "remove", "customers", "--data-dir", data.toString()));
        out();
        HushMain.run("scan", prompt.toString(), "--config", config.toString());
        assertFalse(out().contains("EDM.customers"), "other detectors may still report the email; EDM must not");
    }

    @Test
    void fingerprintAddListScanRemove() throws Exception {
        Path doc = dir.resolve("heron.md");
        Files.writeString(doc, Files.readString(Path.of(getClass().getResource("/fingerprint/merger-memo.md").toURI())));
        Path data = dir.resolve("data");
        Path config = dir.resolve("hush.yaml");
        Files.writeString(config, "dataDir: " + data + "\nfingerprints:\n  threshold: 0.5\n");
        assertEquals(0, HushMain.run("fingerprint", "add", "deals", doc.toString(), "--config", config.toString()));
        assertTrue(out().contains("heron.md"));
        assertEquals(0, HushMain.run("fingerprint", "list", "--data-dir", data.toString()));
        assertTrue(out().contains("deals: 1 document(s)"));

        Path prompt = dir.resolve("prompt.txt");
        String memo = Files.readString(doc);
        Files.writeString(prompt, "Summarise this for me:\n" + memo.substring(memo.indexOf("## Financing")));
        assertEquals(1, HushMain.run("scan", prompt.toString(), "--config", config.toString()));
        String scanned = out();
        assertTrue(scanned.contains("CONFIDENTIAL.DOCUMENT") && scanned.contains("fingerprint:deals/heron.md"), scanned);

        assertEquals(0, HushMain.run("fingerprint", "remove", "deals", "--data-dir", data.toString()));
        out();
        HushMain.run("scan", prompt.toString(), "--config", config.toString());
        assertFalse(out().contains("CONFIDENTIAL.DOCUMENT"));
        assertEquals(2, HushMain.run("fingerprint", "add", "deals", dir.resolve("missing.txt").toString(),
                "--data-dir", data.toString()));
    }
}
