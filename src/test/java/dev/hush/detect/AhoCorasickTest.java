package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static List<String> matches(AhoCorasick ac, String text, List<String> patterns) {
        List<String> out = new ArrayList<>();
        ac.search(text, (id, s, e) -> {
            assertEquals(patterns.get(id), text.substring(s, e));
            out.add(patterns.get(id) + "@" + s);
        });
        return out;
    }

    @Test
    void findsOverlappingAndNestedPatterns() {
        List<String> p = List.of("he", "she", "his", "hers");
        AhoCorasick.Builder b = AhoCorasick.builder();
        p.forEach(b::add);
        AhoCorasick ac = b.build();
        assertEquals(List.of("she@1", "he@2", "hers@2"), matches(ac, "ushers", p));
    }

    @Test
    void findsNonAsciiPatternsAfterFailures() {
        List<String> p = List.of("müller", "über", "ü");
        AhoCorasick.Builder b = AhoCorasick.builder();
        p.forEach(b::add);
        AhoCorasick ac = b.build();
        List<String> m = matches(ac, "herr mümüller, grüße über", p);
        assertTrue(m.contains("müller@7"), m.toString());
        assertTrue(m.contains("über@21"), m.toString());
        assertEquals(4, m.stream().filter(x -> x.startsWith("ü@")).count(), m.toString());
    }

    @Test
    void longTextsWalkedInTwoHalvesReportEveryOccurrenceInOrderOfEnd() {
        java.util.Random rnd = new java.util.Random(43);
        String alphabet = "abcAB\u00fc\u00dc-";
        for (int round = 0; round < 40; round++) {
            boolean fold = round % 2 == 0;
            List<String> p = new ArrayList<>();
            AhoCorasick.Builder b = fold ? AhoCorasick.caseInsensitiveBuilder() : AhoCorasick.builder();
            for (int i = 0; i < 30; i++) {
                StringBuilder s = new StringBuilder();
                for (int k = 1 + rnd.nextInt(i < 3 ? 40 : 6); k > 0; k--) {
                    s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                String pat = fold ? s.toString().toLowerCase(java.util.Locale.ROOT) : s.toString();
                if (!p.contains(pat)) {
                    p.add(pat);
                    b.add(pat);
                }
            }
            AhoCorasick ac = b.build();
            StringBuilder t = new StringBuilder();
            for (int i = 500 + rnd.nextInt(5000); i > 0; i--) {
                t.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String text = t.toString();
            String folded = fold ? text.toLowerCase(java.util.Locale.ROOT) : text; // same length: no char changes it
            List<String> expected = new ArrayList<>();
            for (String pat : p) {
                for (int i = folded.indexOf(pat); i >= 0; i = folded.indexOf(pat, i + 1)) {
                    expected.add(pat + "@" + i);
                }
            }
            List<String> found = new ArrayList<>();
            int[] lastEnd = {0};
            ac.search(text, (id, s, e) -> {
                assertTrue(e >= lastEnd[0], "in order of end");
                lastEnd[0] = e;
                found.add(p.get(id) + "@" + s);
            });
            expected.sort(null);
            found.sort(null);
            assertEquals(expected, found, "round " + round + ", " + text.length() + " chars");
        }
    }

    @Test
    void agreesWithNaiveSearchOnRandomText() {
        java.util.Random rnd = new java.util.Random(42);
        List<String> p = new ArrayList<>();
        AhoCorasick.Builder b = AhoCorasick.builder();
        for (int i = 0; i < 50; i++) {
            StringBuilder s = new StringBuilder();
            int len = 1 + rnd.nextInt(4);
            for (int k = 0; k < len; k++) {
                s.append((char) ('a' + rnd.nextInt(3)));
            }
            p.add(s.toString());
            b.add(s.toString());
        }
        AhoCorasick ac = b.build();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            t.append((char) ('a' + rnd.nextInt(3)));
        }
        String text = t.toString();
        int expected = 0;
        for (String pat : p) {
            for (int i = text.indexOf(pat); i >= 0; i = text.indexOf(pat, i + 1)) {
                expected++;
            }
        }
        int[] count = {0};
        ac.search(text, (id, s, e) -> count[0]++);
        assertEquals(expected, count[0]);
        assertTrue(ac.containsAny(text));
        assertFalse(ac.containsAny("zzzz"));
    }

    @Test
    void caseInsensitiveAutomatonFoldsTheTextNotThePatterns() {
        List<String> p = List.of("password", "müller");
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        p.forEach(b::add);
        AhoCorasick ac = b.build();
        List<String> found = new ArrayList<>();
        String text = "PassWORD for MÜLLER and password";
        ac.search(text, (id, s, e) -> found.add(p.get(id) + "@" + s));
        assertEquals(List.of("password@0", "müller@13", "password@24"), found);
    }
}
