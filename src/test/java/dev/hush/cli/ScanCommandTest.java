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
}
