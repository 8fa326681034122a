package dev.hush.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hush.detect.Detector;
import dev.hush.detect.LiteralDetector;
import dev.hush.detect.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring rules of the corpus README, on a corpus small enough to score by hand. */
class CorpusEvaluationTest {
    @TempDir
    Path dir;

    /** Reports every occurrence of a word with a type. */
    private static Detector word(String w, String type, int trimEnd) {
        return new LiteralDetector(w, w, type).withConfidence(1).trimmingEnd(trimEnd);
    }

    @Test
    void scoresSecretsAtNinetyPercentOthersAtHalfAndCountsFalsePositives() throws Exception {
        Path corpus = dir.resolve("c.jsonl");
        Files.writeString(corpus, String.join("\n",
                // secret 10 chars, finding covers 9 -> caught (90%)
                "{\"id\":\"1\",\"text\":\"k=SECRET0001\",\"spans\":[{\"start\":2,\"end\":12,\"type\":\"SECRET.X\"}]}",
                // secret covered 8/10 -> missed
                "{\"id\":\"2\",\"text\":\"k=SECRET0002\",\"spans\":[{\"start\":2,\"end\":12,\"type\":\"SECRET.X\"}]}",
                // email covered 5/10 -> caught (50%)
                "{\"id\":\"3\",\"text\":\"mail abcdefghij\",\"spans\":[{\"start\":5,\"end\":15,\"type\":\"PII.EMAIL\"}]}",
                // clean prompt with a false positive
                "{\"id\":\"4\",\"text\":\"just FALSEPOS here\",\"spans\":[]}",
                "{\"id\":\"5\",\"text\":\"all clean\",\"spans\":[]}",
                ""));
        Scanner s = new Scanner(List.of(word("SECRET0001", "SECRET.A", 1), word("SECRET0002", "SECRET.A", 2),
                word("abcdefghij", "PII.EMAIL", 5), word("FALSEPOS", "PII.PHONE", 0)), "t");
        CorpusEvaluation.Result r = CorpusEvaluation.run(s, corpus);
        assertEquals(5, r.records);
        CorpusEvaluation.FamilyScore secret = r.family("SECRET");
        assertEquals(2, secret.labels);
        assertEquals(1, secret.caught);
        assertEquals(2, secret.findings);
        assertEquals(0, secret.falsePositives);
        assertEquals(0.5, secret.recall(), 1e-9);
        CorpusEvaluation.FamilyScore email = r.family("PII.EMAIL");
        assertEquals(1.0, email.recall(), 1e-9);
        CorpusEvaluation.FamilyScore phone = r.family("PII.PHONE");
        assertEquals(1, phone.falsePositives);
        assertEquals(0.0, phone.precision(), 1e-9);
        assertEquals(2, r.cleanPrompts);
        assertEquals(1, r.cleanFlagged);
        assertEquals(1, r.promptsAllSecretsCaught);
        assertEquals(2, r.promptsWithSecrets);
    }

    @Test
    void caseLabeledRecordsAndSkippedPresidioRows() throws Exception {
        Path corpus = dir.resolve("g.jsonl");
        Files.writeString(corpus, String.join("\n",
                "{\"id\":\"g1\",\"text\":\"tok SECRET0001\",\"expect\":\"secret\",\"rule\":\"r\"}",
                "{\"id\":\"g2\",\"text\":\"nothing\",\"expect\":\"secret\",\"rule\":\"r\"}",
                "{\"id\":\"g3\",\"text\":\"SECRET0001\",\"expect\":\"clean\",\"rule\":\"r\",\"other_rules_found\":[\"x\"]}",
                "{\"id\":\"g4\",\"text\":\"fine\",\"expect\":\"clean\",\"rule\":\"r\",\"other_rules_found\":[]}",
                "{\"id\":\"p1\",\"text\":\"x\",\"spans\":[],\"entity\":\"PHONE_NUMBER\",\"context_dependent\":true}",
                ""));
        Scanner s = new Scanner(List.of(word("SECRET0001", "SECRET.A", 0)), "t");
        CorpusEvaluation.Result r = CorpusEvaluation.run(s, corpus);
        assertEquals(1, r.skipped);
        assertEquals(0.5, r.secretCaseRecall(), 1e-9);
        assertEquals(2, r.cleanCases);
        assertEquals(1, r.cleanCasesFlagged);
        assertEquals(1, r.globallyCleanCases);
        assertEquals(0.0, r.globallyCleanCasesFlaggedShare(), 1e-9);
    }
}
