package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.AhoCorasick;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compact keyword automaton reports exactly the hits of {@link AhoCorasick}'s case-insensitive automaton over
 * the same patterns (ids, spans and order): for the built-in catalogue's keywords and literals over every rule's
 * example, generated texts and the shared corpus and peer suites, and for random pattern sets (non-ASCII patterns,
 * the int table forced, and more than 32,767 states so the int table is chosen by itself).
 */
class KeywordAutomatonTest {

    private static List<String> hits(AhoCorasick ac, String text) {
        List<String> out = new ArrayList<>();
        ac.search(text, (id, s, e) -> out.add(id + "@" + s + ".." + e));
        return out;
    }

    private static List<String> hits(KeywordAutomaton ka, String text) {
        List<String> out = new ArrayList<>();
        ka.search(text, (id, s, e) -> out.add(id + "@" + s + ".." + e));
        return out;
    }

    private static AhoCorasick reference(List<String> patterns) {
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        patterns.forEach(b::add);
        return b.build();
    }

    private static int compare(List<String> patterns, List<String> texts, boolean forceWide) {
        return compare(patterns, texts, forceWide, KeywordAutomaton.DENSE_DEPTH);
    }

    /** With rows only for states at most {@code denseDepth} deep (the deeper ones step by their edges and failure links). */
    private static int compare(List<String> patterns, List<String> texts, boolean forceWide, int denseDepth) {
        AhoCorasick ref = reference(patterns);
        KeywordAutomaton ka = KeywordAutomaton.of(patterns, forceWide, denseDepth);
        int total = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> expected = hits(ref, texts.get(i));
            assertEquals(expected, hits(ka, texts.get(i)), "text #" + i + (forceWide ? " (int table)" : "")
                    + " (rows to depth " + denseDepth + ")");
            total += expected.size();
        }
        return total;
    }

    private static List<String> builtinPatterns() {
        LiteralRuleEngine engine = new LiteralRuleEngine(RuleEngineEquivalenceTest.BUILTIN);
        return engine.automatonPatterns();
    }

    @Test
    void builtInPatternsOnGeneratedTexts() {
        List<String> patterns = builtinPatterns();
        List<String> texts = new ArrayList<>(RuleEngineEquivalenceTest.generatedTexts());
        // long texts (two interleaved walks), odd chars the fold reads differently
        Random rnd = new Random(7);
        String[] odd = {"\u212A", "\u017F", "\u0130", "\u00e9", "\uD83D\uDE00", "\uD800", "\u2028", "\u000B", "K", "İ"};
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 900 + rnd.nextInt(5000);
            while (sb.length() < len) {
                sb.append(texts.get(rnd.nextInt(texts.size())));
                sb.append(odd[rnd.nextInt(odd.length)]);
            }
            texts.add(i % 2 == 0 ? sb.toString() : sb.toString().toUpperCase(Locale.ROOT));
        }
        int found = compare(patterns, texts, false);
        assertTrue(found > 10_000, found + " hits");
        assertTrue(compare(patterns, texts.subList(0, 1500), true) > 1000);
        // rows for every state (the table before), for the root only, and for states up to one char deep
        for (int depth : new int[] {Integer.MAX_VALUE, 0, 1}) {
            assertTrue(compare(patterns, texts.subList(0, 1500), false, depth) > 1000);
        }
        KeywordAutomaton ka = KeywordAutomaton.of(patterns);
        assertTrue(ka.width() < 128, ka.width() + " byte classes");
        assertTrue(ka.denseStates() > 1 && ka.denseStates() < ka.stateCount() / 4,
                ka.denseStates() + " of " + ka.stateCount() + " states have a row");
        assertEquals(ka.stateCount(), KeywordAutomaton.of(patterns, false, Integer.MAX_VALUE).denseStates());
    }

    @Test
    void builtInPatternsOnCorpusAndPeerSuites() throws Exception {
        List<String> texts = RuleEngineEquivalenceTest.sharedTexts();
        int found = compare(builtinPatterns(), texts, false);
        assertTrue(found > 10_000, found + " hits");
    }

    @Test
    void randomPatternSetsWithNonAsciiPatterns() {
        Random rnd = new Random(20261202);
        String alphabet = "abcdeé_-.=0\u00df\u03c3k";
        for (int round = 0; round < 30; round++) {
            List<String> patterns = new ArrayList<>();
            int count = 1 + rnd.nextInt(40);
            for (int i = 0; i < count; i++) {
                patterns.add(random(rnd, alphabet, 1 + rnd.nextInt(6)));
            }
            List<String> texts = new ArrayList<>();
            String textAlphabet = alphabet + "ABCDE\u00c9\u212A\u03a3 ";
            for (int i = 0; i < 40; i++) {
                texts.add(random(rnd, textAlphabet, rnd.nextInt(i < 20 ? 200 : 3000)));
            }
            compare(patterns, texts, false);
            compare(patterns, texts, true);
            compare(patterns, texts, false, round % 3);
        }
    }

    @Test
    void moreThan32kStatesUseTheIntTable() {
        Random rnd = new Random(11);
        Set<String> set = new HashSet<>();
        while (set.size() < 4000) {
            set.add(random(rnd, "abcdefghijklmnopqrstuvwxyz0123456789", 12));
        }
        List<String> patterns = new ArrayList<>(set);
        KeywordAutomaton ka = KeywordAutomaton.of(patterns);
        assertTrue(ka.stateCount() > 0x7FFF, ka.stateCount() + " states");
        assertEquals(4L * ka.stateCount() * ka.width(), ka.tableBytes());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 2000) {
                sb.append(random(rnd, "abcdefghijklmnopqrstuvwxyzABC0123456789 ", 20));
                String p = patterns.get(rnd.nextInt(patterns.size()));
                sb.append(rnd.nextBoolean() ? p : p.toUpperCase(Locale.ROOT));
            }
            texts.add(sb.toString());
        }
        assertTrue(compare(patterns, texts, false) > 1000);
    }

    private static String random(Random rnd, String alphabet, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
