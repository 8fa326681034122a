package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that cannot succeed (config or CA key unreadable, audit folder unusable) stops with exit code 2 and
 * one clear line naming the file, never a stack trace or the file's content. Run in-process with stdout and
 * stderr captured. (Tests run as root in CI, where permissions do not stop a read: a directory stands in
 * for the unreadable file, as both fail the same open.)
 */
class StartupFaultsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run serve(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "serve";
            System.arraycopy(args, 0, all, 1, args.length);
            int code = HushMain.run(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void clearFailure(Run r, String names) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(names), r.err());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("hush: ")).count(), "one error line: " + r.err());
    }

    Path config(String yaml) throws Exception {
        Path c = dir.resolve("hush-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(c, "gateway: {port: 0, adminPort: 0, host: 127.0.0.1}\naudit: {dir: " + dir.resolve("audit")
                + "}\ndataDir: " + dir.resolve("data") + "\n" + yaml);
        return c;
    }

    @Test
    void configFileThatCannotBeReadNamesTheFile() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("hush.yaml"));
        clearFailure(serve("--config", notAFile.toString()), notAFile + ": is a directory");
        Path missing = dir.resolve("nope.yaml");
        clearFailure(serve("--config", missing.toString()), missing + ": no such config file");
    }

    @Test
    void configFileThatIsNotYamlNamesTheFileAndQuotesNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "gateway: {port: [\nsecret-looking-line: sk-abc: def: [");
        Run r = serve("--config", bad.toString());
        clearFailure(r, bad.toString());
        assertFalse(r.err().contains("sk-abc"), r.err());
    }

    @Test
    void caKeyThatCannotBeReadNamesTheKeyFile() throws Exception {
        Path ca = Files.createDirectories(dir.resolve("data/ca"));
        Files.writeString(ca.resolve("ca.crt"), "");
        Files.createDirectory(ca.resolve("ca.key"));
        Path cfg = config("proxy: {enabled: true}\n");
        clearFailure(serve("--config", cfg.toString()), ca.resolve("ca.key") + ": cannot read the CA private key");
    }

    @Test
    void caKeyThatIsNotAKeyNamesTheFileAndQuotesNothing() throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, HushMain.run("ca", "init", "--data-dir", data.toString()));
        Path key = data.resolve("ca/ca.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot-base64-key-material!!\n-----END PRIVATE KEY-----\n");
        Run r = serve("--config", config("proxy: {enabled: true}\n").toString());
        clearFailure(r, key.toString());
        assertFalse(r.err().contains("not-base64-key-material"), r.err());
    }

    @Test
    void auditFolderThatCannotBeMadeNamesIt() throws Exception {
        Path blocker = dir.resolve("audit");
        Files.writeString(blocker, "a file where the audit folder should be");
        clearFailure(serve("--config", config("").toString()), blocker.toString());
    }
}
