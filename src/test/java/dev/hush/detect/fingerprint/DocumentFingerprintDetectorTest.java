package dev.hush.detect.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.FingerprintSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import dev.hush.detect.SipHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFingerprintDetectorTest {
    static final String RULE = "fingerprint:legal/merger-memo.md";

    @TempDir
    Path dir;
    String memo;
    Scanner scanner;

    static String memo() throws IOException {
        try (InputStream in = DocumentFingerprintDetectorTest.class.getResourceAsStream("/fingerprint/merger-memo.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void register() throws IOException {
        memo = memo();
        Path doc = dir.resolve("merger-memo.md");
        Files.writeString(doc, memo);
        Path data = dir.resolve("data");
        byte[] key = HashKeyFile.loadOrCreate(data);
        new FingerprintStore(data).add("legal", List.of(doc), new SipHash(HashKeyFile.derive(key, FingerprintStore.KEY_PURPOSE)),
                HashKeyFile.checkValue(key));
        scanner = new Scanner(List.of(FingerprintPlugin.create(data, new FingerprintSettings())), "test");
    }

    private static List<Finding> ofRule(List<Finding> fs) {
        return fs.stream().filter(f -> f.rule().equals(RULE)).toList();
    }

    @Test
    void aWholePasteIsReportedWithItsShare() {
        List<Finding> fs = ofRule(scanner.scan(memo));
        assertEquals(1, fs.size(), fs.toString());
        Finding f = fs.get(0);
        assertEquals("CONFIDENTIAL.DOCUMENT", f.type());
        assertTrue(f.confidence() > 0.95, "share " + f.confidence());
        assertTrue(f.length() > memo.length() * 0.9, "span covers the paste");
    }

    @Test
    void aPartialPasteInsideOwnWordsIsReportedAndOnlyThePasteIsCovered() {
        int from = memo.indexOf("First, the founder");
        int to = memo.indexOf("## Financing");
        String paragraph = memo.substring(from, to);
        String before = "Hi! I am preparing for a meeting tomorrow and I would love some help with the wording. "
                + "Could you turn the following notes into three crisp bullet points for my manager?\n\n";
        String after = "\n\nThanks a lot, and keep the tone friendly but firm, maybe add a short closing line.";
        String prompt = before + paragraph + after;
        List<Finding> fs = ofRule(scanner.scan(prompt));
        assertEquals(1, fs.size(), fs.toString());
        Finding f = fs.get(0);
        assertTrue(f.start() >= before.length() - 1 && f.start() < before.length() + 60, "starts at the paste: " + f);
        assertTrue(f.end() <= before.length() + paragraph.length() + 1 && f.end() > before.length() + paragraph.length() - 80,
                "ends at the paste: " + f);
        assertTrue(f.confidence() >= 0.3, "share " + f.confidence());
    }

    @Test
    void aReformattedCopyIsReported() {
        String reformatted = memo.toUpperCase(Locale.ROOT)
                .replaceAll("[#*]", "")
                .replaceAll("[.,;:]", " ; ")
                .replaceAll("\\s+", "   ")
                .replace("-", " ");
        List<Finding> fs = ofRule(scanner.scan(reformatted));
        assertEquals(1, fs.size());
        assertTrue(fs.get(0).confidence() > 0.9, "share " + fs.get(0).confidence());
    }

    @Test
    void aLongPasteInALongerPromptPassesOnTheCountAlone() {
        StringBuilder own = new StringBuilder();
        Random r = new Random(3);
        String[] words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split(" ");
        for (int i = 0; i < 3000; i++) {
            own.append(words[r.nextInt(words.length)]).append(' ');
        }
        String prompt = own + "\n\n" + memo.substring(0, memo.indexOf("## Risks")) + "\n\n" + own;
        List<Finding> fs = ofRule(scanner.scan(prompt));
        assertEquals(1, fs.size(), fs.toString());
        assertTrue(fs.get(0).confidence() < 0.3, "share is low, the count carries it: " + fs.get(0).confidence());
    }

    @Test
    void theSameVocabularyInAnotherOrderIsNotTheDocument() {
        List<String> words = new ArrayList<>(List.of(memo.split("\\s+")));
        Collections.shuffle(words, new Random(42));
        String shuffled = String.join(" ", words);
        assertTrue(ofRule(scanner.scan(shuffled)).isEmpty());
    }

    @Test
    void anUnrelatedMemoOnTheSameTopicIsNotTheDocument() {
        String other = """
                Deal team update: the board asked us to review the risks of the acquisition again. The founder of the
                target wants a retention package, the export licences must be renewed, and treasury will propose how
                to fund the cash part of the offer. The steering committee meets on Thursday; the data room opens on
                Monday. Please report any leak to the general counsel and do not trade in the shares of either
                company until the announcement. Our survey business needs an integrated vessel and sensor package,
                and their engineering team and test range would help our acoustic research group.
                """;
        assertTrue(ofRule(scanner.scan(other)).isEmpty(), () -> scanner.scan(other).toString());
    }

    @Test
    void shortPromptsWithoutSharedTextAreClean() {
        assertTrue(scanner.scan("What is the capital of Sweden?").isEmpty());
        assertTrue(scanner.scan("").isEmpty());
    }
}
