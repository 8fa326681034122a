package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScannerTest {

    /** Reports a fixed span of the normalised text. */
    private static Detector fixed(String id, String needle, String type) {
        return new Detector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void detect(ScanText text, FindingSink sink) {
                int i = text.normalized().indexOf(needle);
                if (i >= 0) {
                    sink.add(i, i + needle.length(), type, id, 0.9);
                }
            }
        };
    }

    @Test
    void credentialWinsOverPiiInsideIt() {
        String text = "conn: postgres://bob@example.com:pw@db/x done";
        Scanner s = new Scanner(List.of(
                fixed("email", "bob@example.com", "PII.EMAIL"),
                fixed("url", "postgres://bob@example.com:pw@db/x", "SECRET.CONNECTION_STRING")), "t");
        List<Finding> f = s.scan(text);
        assertEquals(1, f.size());
        assertEquals("SECRET.CONNECTION_STRING", f.get(0).type());
        assertEquals(text.indexOf("postgres"), f.get(0).start());
    }

    @Test
    void nonOverlappingFindingsAllSurviveSortedByStart() {
        String text = "mail a@b.io then key XYZ";
        Scanner s = new Scanner(List.of(fixed("k", "XYZ", "SECRET.X"), fixed("e", "a@b.io", "PII.EMAIL")), "t");
        List<Finding> f = s.scan(text);
        assertEquals(2, f.size());
        assertEquals("PII.EMAIL", f.get(0).type());
        assertEquals("SECRET.X", f.get(1).type());
    }

    @Test
    void offsetsMapBackThroughNormalisation() {
        String text = "key=SE\u200BCRET1";
        Scanner s = new Scanner(List.of(fixed("k", "SECRET1", "SECRET.X")), "t");
        Finding f = s.scan(text).get(0);
        assertEquals(4, f.start());
        assertEquals(text.length(), f.end());
    }

    @Test
    void personLosesToEmailOverlap() {
        String text = "write to john.smith@corp.com";
        Scanner s = new Scanner(List.of(fixed("p", "john", "PII.PERSON"), fixed("e", "john.smith@corp.com", "PII.EMAIL")), "t");
        List<Finding> f = s.scan(text);
        assertEquals(1, f.size());
        assertEquals("PII.EMAIL", f.get(0).type());
    }

    @Test
    void documentRegionsStandBesideTheValuesInsideThem() {
        String text = "memo: contact bob@corp.com about the merger plan";
        Scanner s = new Scanner(List.of(fixed("doc", "contact bob@corp.com about the merger", "CONFIDENTIAL.DOCUMENT"),
                fixed("e", "bob@corp.com", "PII.EMAIL")), "t");
        List<Finding> f = s.scan(text);
        assertEquals(2, f.size());
        assertEquals("CONFIDENTIAL.DOCUMENT", f.get(0).type());
        assertEquals("PII.EMAIL", f.get(1).type());
    }

    private static Scanner keyScanner() {
        return new Scanner(List.of(fixed("k", "KEY1234567890ABCDEF", "SECRET.X")), "t");
    }

    @Test
    void valueSplitAcrossPartsIsReportedInEachPart() {
        List<List<Finding>> f = keyScanner().scanJoined(List.of("use KEY12345", "67890ABCDEF now", "unrelated"));
        assertEquals(List.of(new Finding(4, 12, "SECRET.X", "k", 0.9)), f.get(0));
        assertEquals(List.of(new Finding(0, 11, "SECRET.X", "k", 0.9)), f.get(1));
        assertEquals(List.of(), f.get(2));
        // a line break between parts is not crossed
        assertEquals(List.of(), keyScanner().scanJoined(List.of("use KEY12345\n", "67890ABCDEF")).get(0));
    }

    @Test
    void spacedOutAndWrappedValuesAreJoinedButEnvLinesAreNot() {
        String spaced = "key: K E Y 1 2 3 4 5 6 7 8 9 0 A B C D E F end";
        Finding f = keyScanner().scan(spaced).get(0);
        assertEquals(spaced.indexOf("K E"), f.start());
        assertEquals(spaced.indexOf(" end"), f.end());
        assertEquals(1, keyScanner().scan("key: KEY12345678\n90ABCDEF end").size());
        // separate .env lines stay separate
        Scanner env = new Scanner(List.of(fixed("k", "KEY1=abcdefghij1234KEY2", "SECRET.X")), "t");
        assertEquals(List.of(), env.scan("KEY1=abcdefghij1234\nKEY2=zyxwvut98765"));
    }

    @Test
    void base64RunIsScannedDecodedAndReportedWhole() {
        String b64 = java.util.Base64.getEncoder().encodeToString("token KEY1234567890ABCDEF here".getBytes());
        String text = "blob " + b64 + " end";
        Finding f = keyScanner().scan(text).get(0);
        assertEquals(5, f.start());
        assertEquals(5 + b64.length(), f.end());
        // random bytes are not text: nothing to rescan
        byte[] random = new byte[48];
        new java.util.Random(7).nextBytes(random);
        assertEquals(List.of(), keyScanner().scan(java.util.Base64.getEncoder().encodeToString(random)));
    }

    /** The plain quadratic definition: take findings best first, keep each that overlaps none kept. */
    private static List<Finding> bruteForce(List<Finding> raw) {
        List<Finding> byRank = new ArrayList<>(raw);
        byRank.sort(Comparator.comparingInt((Finding f) -> FindingTypes.precedence(f.type()))
                .thenComparing(Comparator.comparingInt(Finding::length).reversed())
                .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
                .thenComparingInt(Finding::start));
        List<Finding> kept = new ArrayList<>();
        for (Finding f : byRank) {
            if (!FindingTypes.isRegion(f.type()) && kept.stream().noneMatch(k -> k.overlaps(f))) {
                kept.add(f);
            }
        }
        byRank.stream().filter(f -> FindingTypes.isRegion(f.type())).forEach(kept::add);
        kept.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
        return kept;
    }

    @Test
    void overlapResolutionMatchesItsDefinitionOnRandomFindings() {
        Random rnd = new Random(7);
        String[] types = {"SECRET.GITHUB_TOKEN", "PII.EMAIL", "PII.PHONE", "CONFIDENTIAL.DOCUMENT", "MARKER.CONFIDENTIAL"};
        for (int round = 0; round < 2000; round++) {
            List<Finding> raw = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                int s = rnd.nextInt(40);
                raw.add(new Finding(s, s + rnd.nextInt(8), types[rnd.nextInt(types.length)], "r" + i, rnd.nextInt(3) / 2.0));
            }
            assertEquals(bruteForce(raw), Scanner.resolveOverlaps(raw), "round " + round);
        }
    }

    @Test
    void aHundredThousandEmailsInOneCsvAreAllKept() {
        StringBuilder csv = new StringBuilder("id,name,email\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",Customer ").append(i).append(",user").append(i).append("@mail").append(i % 97).append(".example.com\n");
        }
        // every address, and every domain inside it again (the loser of each overlap): 200,000 raw findings
        Detector emails = new Detector() {
            @Override
            public String id() {
                return "emails";
            }

            @Override
            public void detect(ScanText text, FindingSink sink) {
                String t = text.normalized();
                for (int at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
                    int s = t.lastIndexOf(',', at) + 1;
                    int e = t.indexOf('\n', at);
                    sink.add(s, e, "PII.EMAIL", "emails", 0.9);
                    sink.add(at + 1, e, "PII.DOMAIN", "emails", 0.5);
                }
            }
        };
        List<Finding> found = new Scanner(List.of(emails), "test").scan(csv.toString());
        assertEquals(100_000, found.size());
        assertEquals(List.of("PII.EMAIL"), found.stream().map(Finding::type).distinct().toList());
        for (int i = 1; i < found.size(); i++) {
            assertEquals(true, found.get(i - 1).end() <= found.get(i).start());
        }
    }

    /**
     * Overlap resolution is O(n log n) in the number of findings, counted: 100,000 e-mail addresses (a 5 MB CSV
     * of customers), each also found twice more inside (a shorter and an equal-length rival), cost at most a
     * few n log2 n comparisons, and twice the findings cost about twice the work. Counted: the rank sort's
     * comparisons, the sort of the starts (m log2 m), and per finding its binary searches and Fenwick-tree
     * reads and writes (about 4 n log2 n in all here).
     */
    @Test
    void overlapResolutionIsNLogNInTheNumberOfFindings() {
        long[] half = resolveCounted(50_000);
        long[] full = resolveCounted(100_000);
        assertEquals(50_000, half[1]);
        assertEquals(100_000, full[1]);
        double nLogN = 3 * 100_000 * (Math.log(3 * 100_000) / Math.log(2));
        org.junit.jupiter.api.Assertions.assertTrue(full[0] <= 5 * nLogN, "steps " + full[0] + " for 300,000 findings");
        org.junit.jupiter.api.Assertions.assertTrue(full[0] <= 2.3 * half[0], half[0] + " -> " + full[0]);
    }

    /** {comparisons and lookups, findings kept} for n addresses with two rivals each, in shuffled order. */
    private static long[] resolveCounted(int n) {
        List<Finding> raw = new ArrayList<>(3 * n);
        for (int k = 0; k < n; k++) {
            int start = 50 * k + 7;
            raw.add(new Finding(start, start + 30, "PII.EMAIL", "pii.email", 0.9));
            raw.add(new Finding(start + 12, start + 30, "PII.USERNAME", "pii.username", 0.5));
            raw.add(new Finding(start, start + 30, "PII.PERSON", "pii.person", 0.6));
        }
        java.util.Collections.shuffle(raw, new Random(3));
        long[] steps = {0};
        List<Finding> kept = Scanner.resolveOverlaps(raw, steps);
        for (int k = 1; k < kept.size(); k++) {
            org.junit.jupiter.api.Assertions.assertTrue(kept.get(k - 1).end() <= kept.get(k).start());
        }
        return new long[] {steps[0], kept.stream().filter(f -> f.type().equals("PII.EMAIL")).count()};
    }

    /**
     * End to end on a generated 5 MB CSV with 100,000 fresh addresses: every one is found and pseudonymised,
     * and the scan's work (characters examined, counted by its context) stays a small multiple of the text.
     */
    @Test
    void aCsvOfAHundredThousandAddressesIsScannedAndRewrittenInLinearWork() {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("id,email,plan\n");
        for (int k = 0; k < 100_000; k++) {
            csv.append(100_000 + k).append(',');
            for (int c = 0; c < 8; c++) {
                csv.append((char) ('a' + r.nextInt(26)));
            }
            csv.append(k).append("@mail").append(r.nextInt(1000)).append(".example.org,basic plan renewed\n");
        }
        String text = csv.toString();
        Scanner scanner = new Scanner(List.of(new dev.hush.detect.pii.EmailDetector()), "t");
        ScanContext ctx = ScanContext.unbounded();
        List<Finding> found = scanner.scan(text, ctx);
        assertEquals(100_000, found.size());
        org.junit.jupiter.api.Assertions.assertTrue(ctx.work() <= 16L * text.length(), "work " + ctx.work());
        List<dev.hush.policy.Decision> decisions = found.stream()
                .map(f -> new dev.hush.policy.Decision(f, dev.hush.policy.PolicyAction.PSEUDONYMIZE, "p")).toList();
        String rewritten = dev.hush.redact.TextRewriter.rewrite(text, decisions, new dev.hush.redact.ConversationPseudonyms());
        org.junit.jupiter.api.Assertions.assertTrue(rewritten.contains("<EMAIL_100000>") && !rewritten.contains("@mail"));
    }
}
