package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The range lookups (no substring; names only behind a Bloom filter) answer as the map lookup: every entry of the shipped lexicon, and misses. */
class NameLexiconTest {

    @Test
    void rangeLookupEqualsMapLookup() throws Exception {
        NameLexicon lex = NameFinderModels.load(null).lexicon();
        int hits = 0;
        for (Map.Entry<String, Integer> e : lex.entries().entrySet()) {
            String text = "x " + e.getKey() + ",";
            assertEquals((int) e.getValue(), lex.lookup(text, 2, 2 + e.getKey().length()), e.getKey());
            assertEquals(NameLexicon.isName(e.getValue()) ? (int) e.getValue() : 0, lex.lookupName(text, 2, 2 + e.getKey().length()),
                    e.getKey());
            hits++;
        }
        assertTrue(hits > 10_000, "lexicon entries: " + hits);
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 0, n = 2 + r.nextInt(8); k < n; k++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            String word = w.toString();
            assertEquals(lex.lookup(word), lex.lookup("(" + word + ")", 1, 1 + word.length()), word);
            int e = lex.lookup(word);
            assertEquals(NameLexicon.isName(e) ? e : 0, lex.lookupName("(" + word + ")", 1, 1 + word.length()), word);
        }
        assertEquals(0, lex.lookup("", 0, 0));
    }
}
