package dev.hush.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hush.cli.HushMain;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.LiteralDetector;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev-split scoring counts labels, hits, false findings and flagged person-free texts as documented. */
class NameDevEvaluationTest {
    @TempDir
    Path dir;

    /** Reports every "Zq…" word as a person: a stand-in whose findings the test knows in advance. */
    private static final Detector ZQ = new Detector() {
        @Override
        public String id() {
            return "test.zq";
        }

        @Override
        public void detect(ScanText t, FindingSink sink) {
            String s = t.normalized();
            LiteralDetector.eachOccurrence(s, "Zq", i -> {
                int e = i;
                while (e < s.length() && Character.isLetter(s.charAt(e))) {
                    e++;
                }
                sink.add(i, e, "PII.PERSON", id(), 0.9);
            });
        }
    };

    @Test
    void countsAsDocumented() throws Exception {
        Files.writeString(dir.resolve("gum.jsonl"), String.join("\n",
                "{\"id\": \"gum-dev-0\", \"text\": \"Zqara met Ilvo Brenn.\", \"spans\": [{\"start\": 0, \"end\": 5}, {\"start\": 10, \"end\": 20}]}",
                "{\"id\": \"gum-dev-1\", \"text\": \"Rain over Zqville.\", \"spans\": []}",
                "{\"id\": \"gum-dev-2\", \"text\": \"Nothing here.\", \"spans\": []}",
                "{\"id\": \"gum-train-3\", \"text\": \"Zqtrain is not scored.\", \"spans\": []}"));
        for (String c : NameDevEvaluation.DEV_SETS.keySet()) {
            if (!c.equals("gum")) {
                Files.writeString(dir.resolve(c + ".jsonl"), "");
            }
        }
        List<String> errors = new ArrayList<>();
        Map<String, NameDevEvaluation.Score> r = NameDevEvaluation.run(new Scanner(List.of(ZQ), "t"), dir, errors);
        NameDevEvaluation.Score gum = r.get("gum");
        assertEquals(3, gum.texts);
        assertEquals(2, gum.labels);
        assertEquals(1, gum.found);
        assertEquals(2, gum.findings);
        assertEquals(1, gum.falsePositives);
        assertEquals(2, gum.personFree);
        assertEquals(1, gum.personFreeFlagged);
        assertEquals(0.5, gum.precision(), 1e-9);
        assertEquals(0.5, gum.recall(), 1e-9);
        assertEquals(List.of("gum-dev-0 missed [10,20)", "gum-dev-1 false [10,17)"), errors);
        assertEquals(gum.labels, r.get("news").labels);
        assertEquals(0, r.get("social").texts);
        // the command needs exactly one of --corpus and --ner-dev
        assertEquals(2, HushMain.run("eval"));
    }
}
