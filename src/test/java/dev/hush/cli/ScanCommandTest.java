package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hush scan} in-process with a config that loads only a small test rule file. */
class ScanCommandTest {
    private static final String SECRET = "tst_Ab3dE5gH7jK9mN1pQ3sT";

    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path rules = Path.of(getClass().getResource("/rules-test/sample.yaml").toURI());
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "rules:\n  builtin: false\n  files: ['" + rules + "']\n");
        return cfg;
    }

    /** Exit code, stdout and stderr of one run with the given standard input. */
    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = HushMain.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void textFormatShowsWhereAndAMaskedPreviewButNeverTheValue() throws Exception {
        Run r = run("first line\nkey " + SECRET + " here\n", "scan", "--config", config().toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("<stdin>:2:5"), r.out());
        assertTrue(r.out().contains("SECRET.TEST_TOKEN"), r.out());
        assertTrue(r.out().contains("test-prefixed"), r.out());
        assertFalse(r.out().contains(SECRET), "the whole value must never be printed");
        assertFalse(r.out().contains(SECRET.substring(4, 20)), "nor most of it");
    }

    @Test
    void cleanInputExitsZero() throws Exception {
        Run r = run("nothing to see here\n", "scan", "--config", config().toString());
        assertEquals(0, r.code());
        assertEquals("", r.out());
    }

    @Test
    void jsonlFormatKeepsIdsAndOrderWithUtf16Offsets() throws Exception {
        String in = "{\"id\":\"a\",\"text\":\"clean\"}\n{\"id\":\"b\",\"text\":\"\u00e9\u00e9 " + SECRET + "\"}\n";
        Run r = run(in, "scan", "--format", "jsonl", "--config", config().toString());
        assertEquals(1, r.code());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length);
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(lines[0]);
        JsonNode b = m.readTree(lines[1]);
        assertEquals("a", a.path("id").asText());
        assertEquals(0, a.path("findings").size());
        assertEquals("b", b.path("id").asText());
        JsonNode f = b.path("findings").get(0);
        assertEquals(3, f.path("start").asInt());
        assertEquals(3 + SECRET.length(), f.path("end").asInt());
        assertEquals("SECRET.TEST_TOKEN", f.path("type").asText());
        assertFalse(r.out().contains(SECRET));
    }

    @Test
    void jsonFormatAndFileArgument() throws Exception {
        Path file = dir.resolve("prompt.txt");
        Files.writeString(file, "password = \"Zq8!rT2#xY\"\n");
        Run r = run("", "scan", file.toString(), "--format", "json", "--config", config().toString());
        assertEquals(1, r.code());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("SECRET.PASSWORD", doc.path("findings").get(0).path("type").asText());
        assertFalse(r.out().contains("Zq8!rT2#xY"));
    }

    @Test
    void errorsExitTwoAndNameTheProblem() throws Exception {
        Run missing = run("", "scan", dir.resolve("nope.txt").toString(), "--config", config().toString());
        assertEquals(2, missing.code());
        Run badLine = run("not json\n", "scan", "--format", "jsonl", "--config", config().toString());
        assertEquals(2, badLine.code());
        assertTrue(badLine.err().contains("line 1"), badLine.err());
        Path badCfg = dir.resolve("bad.yaml");
        Files.writeString(badCfg, "rules:\n  bogus: 1\n");
        Run cfg = run("x", "scan", "--config", badCfg.toString());
        assertEquals(2, cfg.code());
        assertTrue(cfg.err().contains("rules.bogus"), cfg.err());
    }

    @Test
    void severalFilesAndDirectoriesRecursivelyWithGzipAndTheFileOfEachFinding() throws Exception {
        Path tree = dir.resolve("repo");
        Files.createDirectories(tree.resolve("src/deep"));
        Files.createDirectories(tree.resolve(".git"));
        Files.writeString(tree.resolve("src/deep/a.txt"), "one\ntoken " + SECRET + "\n");
        Files.writeString(tree.resolve("src/clean.txt"), "nothing here\n");
        Files.writeString(tree.resolve(".git/config"), "token " + SECRET + "\n"); // version control: not scanned
        Files.write(tree.resolve("src/image.bin"), new byte[] {1, 0, 2, 0, 't', 's', 't'}); // binary: skipped
        try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tree.resolve("log.gz")))) {
            o.write(("x\ny\n  " + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path single = dir.resolve("single.txt");
        Files.writeString(single, "password = \"Zq8!rT2#xY\"\n");

        Run text = run("", "scan", tree.toString(), single.toString(), "--config", config().toString());
        assertEquals(1, text.code(), text.err());
        assertTrue(text.out().contains(tree.resolve("src/deep/a.txt") + ":2:7"), text.out());
        assertTrue(text.out().contains(tree.resolve("log.gz") + ":3:3"), text.out());
        assertTrue(text.out().contains(single + ":1:"), text.out());
        assertFalse(text.out().contains(".git"), text.out());
        assertEquals(3, text.out().lines().count(), text.out());
        assertTrue(text.err().contains("image.bin: binary, skipped"), text.err());
        assertFalse(text.out().contains(SECRET));

        Run json = run("", "scan", tree.toString(), single.toString(), "--format", "json", "--config", config().toString());
        assertEquals(1, json.code());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(5, doc.path("files").size(), doc.toString()); // a.txt, clean.txt, image.bin, log.gz, single.txt
        assertEquals(3, doc.path("findings").size());
        assertEquals(tree.resolve("src/deep/a.txt").toString(), doc.path("findings").get(1).path("file").asText());
        assertEquals(single.toString(), doc.path("findings").get(2).path("file").asText());

        Path lines = dir.resolve("prompts.jsonl.gz");
        try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(lines))) {
            o.write(("{\"id\":\"p1\",\"text\":\"hi\"}\n{\"id\":\"p2\",\"text\":\"k " + SECRET + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Run jsonl = run("", "scan", lines.toString(), "--format", "jsonl", "--config", config().toString());
        assertEquals(1, jsonl.code(), jsonl.err());
        String[] out = jsonl.out().split("\n");
        assertEquals(2, out.length);
        JsonNode second = new ObjectMapper().readTree(out[1]);
        assertEquals(lines.toString(), second.path("file").asText());
        assertEquals(2, second.path("line").asInt());
        assertEquals("p2", second.path("id").asText());
        assertEquals(1, second.path("findings").size());
    }

    @Test
    void exitCodesAcrossSeveralInputs() throws Exception {
        Path clean1 = dir.resolve("c1.txt");
        Path clean2 = dir.resolve("c2.txt");
        Files.writeString(clean1, "hello");
        Files.writeString(clean2, "world");
        assertEquals(0, run("", "scan", clean1.toString(), clean2.toString(), "--config", config().toString()).code());
        Path dirty = dir.resolve("d.txt");
        Files.writeString(dirty, "t " + SECRET);
        assertEquals(1, run("", "scan", clean1.toString(), dirty.toString(), "--config", config().toString()).code());
        Run missing = run("", "scan", clean1.toString(), dir.resolve("gone.txt").toString(), "--config", config().toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("gone.txt"), missing.err());
        Path badGz = dir.resolve("broken.gz");
        Files.write(badGz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'x'});
        Run broken = run("", "scan", badGz.toString(), dirty.toString(), "--config", config().toString());
        assertEquals(2, broken.code(), "a broken input is an error even when another has findings");
        assertTrue(broken.out().contains(dirty.toString()), "the other inputs are still scanned: " + broken.out());
        assertTrue(broken.err().contains("broken.gz: cannot read"), broken.err());
    }
}
