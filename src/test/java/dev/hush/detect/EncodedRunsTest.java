package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedRunsTest {

    /** The skipping search finds exactly the maximal alphabet runs a char-by-char walk finds. */
    @Test
    void skippingSearchFindsEveryLongRun() {
        Random r = new Random(7);
        String alphabet = "aZ09+/-_";
        String other = " .,=%\\\n:\u00e9";
        int runsSeen = 0;
        for (int t = 0; t < 3_000; t++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(200);
            while (b.length() < len) {
                int piece = r.nextInt(4) == 0 ? 8 + r.nextInt(12) : 1 + r.nextInt(6);
                for (int k = 0; k < piece; k++) {
                    b.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                b.append(other.charAt(r.nextInt(other.length())));
            }
            String s = b.toString();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < s.length(); ) {
                if (!inAlphabet(s.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < s.length() && inAlphabet(s.charAt(i))) {
                    i++;
                }
                if (i - start >= 12) {
                    expected.add(start);
                }
            }
            List<Integer> found = new ArrayList<>();
            for (int i = 0; ; ) {
                int start = EncodedRuns.nextRun(s, i);
                if (start < 0) {
                    break;
                }
                found.add(start);
                i = start;
                while (i < s.length() && inAlphabet(s.charAt(i))) {
                    i++;
                }
            }
            assertEquals(expected, found, s);
            runsSeen += expected.size();
        }
        assertTrue(runsSeen > 1_000, "the generator makes long runs: " + runsSeen);
    }

    private static boolean inAlphabet(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "+/-_".indexOf(c) >= 0;
    }

    @Test
    void decodedRunsAreReported() {
        String encoded = java.util.Base64.getEncoder().encodeToString("call me on 555 0199 please".getBytes());
        List<String> decoded = new ArrayList<>();
        EncodedRuns.find(ScanText.of("see " + encoded + " and 0123456789abcdef0123"), (s, e, d) -> decoded.add(d));
        assertEquals(List.of("call me on 555 0199 please"), decoded);
    }
}
