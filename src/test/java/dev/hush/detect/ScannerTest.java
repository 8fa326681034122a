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
}
