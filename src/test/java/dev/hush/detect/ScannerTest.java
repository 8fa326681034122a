package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
