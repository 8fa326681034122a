package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lexicon's table (looked up by a range of the text, names behind a Bloom filter) answers as the map it was
 * built from: every entry, and misses, also looked up in any letter case ({@code lookupLower}); for random maps and
 * for the shipped lexicon.
 */
class NameLexiconTest {

    private static String word(Random r, int min, int spread) {
        StringBuilder w = new StringBuilder();
        for (int k = 0, n = min + r.nextInt(spread); k < n; k++) {
            w.append((char) ('a' + r.nextInt(26)));
        }
        return w.toString();
    }

    /** w with each char upper-cased or not at random (ASCII or not: lookupLower answers as toLowerCase either way). */
    private static String recased(String w, Random r) {
        StringBuilder b = new StringBuilder(w.length());
        for (char c : w.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    private static void assertAnswersAs(Map<String, Integer> expected, NameLexicon lex, Random r) {
        assertEquals(expected.size(), lex.size());
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String text = "x " + e.getKey() + ",";
            int to = 2 + e.getKey().length();
            assertEquals((int) e.getValue(), lex.lookup(text, 2, to), e.getKey());
            assertEquals((int) e.getValue(), lex.lookup(e.getKey()), e.getKey());
            assertEquals(NameLexicon.isName(e.getValue()) ? (int) e.getValue() : 0, lex.lookupName(text, 2, to), e.getKey());
            String cased = recased(e.getKey(), r);
            int lowered = lex.lookup(cased.toLowerCase(Locale.ROOT)); // not always e: "BALTACI" lower-cases to "baltaci", not "baltacı"
            assertEquals(lowered, lex.lookupLower("x " + cased + ",", 2, 2 + cased.length()), cased);
            assertEquals(NameLexicon.isName(lowered) ? lowered : 0, lex.lookupLowerName("x " + cased + ",", 2, 2 + cased.length()), cased);
        }
        int misses = 0;
        for (int i = 0; i < 20_000; i++) {
            String w = word(r, 2, 8);
            int want = expected.getOrDefault(w, 0);
            misses += want == 0 ? 1 : 0;
            assertEquals(want, lex.lookup("(" + w + ")", 1, 1 + w.length()), w);
            assertEquals(NameLexicon.isName(want) ? want : 0, lex.lookupName("(" + w + ")", 1, 1 + w.length()), w);
            String cased = recased(w, r);
            assertEquals(want, lex.lookupLower("(" + cased + ")", 1, 1 + cased.length()), cased);
            assertEquals(NameLexicon.isName(want) ? want : 0, lex.lookupLowerName("(" + cased + ")", 1, 1 + cased.length()), cased);
        }
        assertTrue(misses > 1_000, "misses tried: " + misses);
        assertEquals(0, lex.lookup("", 0, 0));
    }

    @Test
    void rangeLookupsAnswerAsTheMapTheyWereBuiltFrom() {
        Random r = new Random(5);
        Map<String, Integer> m = new HashMap<>();
        while (m.size() < 30_000) {
            m.put(word(r, 1, 7), 1 + r.nextInt(1 << 14)); // flags in the low two bits, any rank
        }
        assertAnswersAs(m, new NameLexicon(m), r);
    }

    @Test
    void theShippedLexiconRoundTrips() throws Exception {
        NameLexicon lex = NameFinderModels.load(null).lexicon();
        Map<String, Integer> entries = lex.entries();
        assertTrue(entries.size() > 10_000, "lexicon entries: " + entries.size());
        assertAnswersAs(entries, new NameLexicon(entries), new Random(6));
    }
}
