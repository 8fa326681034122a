package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The build's pattern facts file: the same facts and findings as working them out, and never trusted when bad. */
class PatternFactsCacheTest {
    private static final List<RuleCatalogue.SourcedSpec> SPECS = RuleCatalogue.builtinSpecs();

    /** Every fact, sets sorted (their iteration order is per JVM run), for comparing two PatternFacts. */
    static String describe(PatternFacts f) {
        StringBuilder s = new StringBuilder("unknown=" + f.unknown);
        if (f.unknown) {
            return s.toString();
        }
        s.append(" caret=").append(f.caret).append(" required=");
        for (Set<String> r : f.required) {
            s.append(new TreeSet<>(r));
        }
        s.append(" starts=").append(sorted(f.startLiterals)).append(" first=").append(Arrays.toString(f.firstChars))
                .append(" before=").append(Arrays.toString(f.before)).append(" head=").append(Arrays.deepToString(f.head))
                .append(" anchor=").append(sorted(f.anchor)).append(' ').append(f.anchorOffset).append(' ')
                .append(f.anchorSkip).append(" gap=").append(Arrays.toString(f.anchorGap));
        ValueShape v = f.valueShape;
        if (v != null) {
            s.append(" shape=").append(Arrays.toString(v.pre)).append(v.maxPre).append(Arrays.toString(v.run))
                    .append(v.minRun);
        }
        return s.toString();
    }

    private static Object sorted(Set<String> s) {
        return s == null ? "null" : new TreeSet<>(s);
    }

    private static Map<String, PatternFacts> workedOutCatalogue() {
        Map<String, PatternFacts> seen = new LinkedHashMap<>();
        PatternFacts.recordInto(seen);
        try {
            new LiteralRuleEngine(RuleCatalogue.compile(SPECS, RuleCompiler.Engine.JDK, Set.of()));
        } finally {
            PatternFacts.recordInto(null);
        }
        return seen;
    }

    @Test
    void theShippedFileHoldsTheWorkedOutFactsOfEveryCataloguePattern() {
        Map<String, PatternFacts> shipped = PatternFactsCache.shipped();
        Map<String, PatternFacts> worked = workedOutCatalogue();
        assertTrue(worked.size() > 1000, "rule and allowlist patterns: " + worked.size());
        assertEquals(worked.keySet(), shipped.keySet(), "the build wrote today's catalogue with today's code");
        for (Map.Entry<String, PatternFacts> e : worked.entrySet()) {
            assertEquals(describe(e.getValue()), describe(shipped.get(e.getKey())), e.getKey());
        }
    }

    @Test
    void aWrittenFileReadsBackTheSameFacts() throws IOException {
        Map<String, PatternFacts> worked = workedOutCatalogue();
        byte[] key = {1, 2, 3};
        Map<String, PatternFacts> back = PatternFactsCache.read(PatternFactsCache.write(worked, key), key);
        assertEquals(worked.size(), back.size());
        for (Map.Entry<String, PatternFacts> e : worked.entrySet()) {
            assertEquals(describe(e.getValue()), describe(back.get(e.getKey())), e.getKey());
        }
        assertTrue(back.values().stream().anyMatch(f -> f.unknown) && back.values().stream().anyMatch(f -> f.anchor != null),
                "both kinds round-trip");
    }

    @Test
    void aCorruptTruncatedOrStaleFileIsNotTrusted() throws IOException {
        Map<String, PatternFacts> some = new LinkedHashMap<>();
        for (String p : List.of("(?i)\\bzq_[a-z0-9]{24}\\b", "key=([A-F0-9]{16})", "(a|b")) {
            some.put(p, PatternFacts.workedOut(p));
        }
        byte[] key = PatternFactsCache.codeKey();
        byte[] file = PatternFactsCache.write(some, key);
        assertEquals(3, PatternFactsCache.trusted(file, key).size());
        for (int at : new int[] {0, 40, file.length / 2, file.length - 9, file.length - 1}) {
            byte[] bad = file.clone();
            bad[at] ^= 0x10;
            assertThrows(IOException.class, () -> PatternFactsCache.read(bad, key), "flipped byte " + at);
            assertEquals(Map.of(), PatternFactsCache.trusted(bad, key));
        }
        byte[] cut = Arrays.copyOf(file, file.length - 20);
        assertThrows(IOException.class, () -> PatternFactsCache.read(cut, key));
        byte[] otherCode = key.clone();
        otherCode[0] ^= 1;
        assertThrows(IOException.class, () -> PatternFactsCache.read(file, otherCode), "other code, same bytes");
        assertEquals(Map.of(), PatternFactsCache.trusted(file, otherCode));
        assertEquals(Map.of(), PatternFactsCache.trusted(null, key));
    }

    @Test
    void aPatternTheFileLacksIsWorkedOut() {
        String fresh = "(?i)\\bhushtest_[a-z]{12}" + System.nanoTime() % 1000 + "\\b";
        assertEquals(describe(PatternFacts.workedOut(fresh)), describe(PatternFacts.of(fresh)));
        assertFalse(PatternFacts.of(fresh).required.isEmpty());
    }

    @Test
    void shippedFactsGiveTheFindingsOfWorkedOutFacts() {
        List<CompiledRule> worked;
        RuleDetector fromPatterns;
        PatternFacts.recordInto(new LinkedHashMap<>());
        try {
            worked = RuleCatalogue.compile(SPECS, RuleCompiler.Engine.JDK, Set.of());
            fromPatterns = new RuleDetector("worked", worked, RuleDetector.Engine.LITERALS);
        } finally {
            PatternFacts.recordInto(null);
        }
        RuleDetector fromFile = new RuleDetector("shipped",
                RuleCatalogue.compile(SPECS, RuleCompiler.Engine.JDK, Set.of()), RuleDetector.Engine.LITERALS);
        List<String> texts = new ArrayList<>(CatalogueExamples.pool(SPECS));
        texts.add(String.join(" ", texts));
        int total = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> expected = RuleEngineEquivalenceTest.findings(fromPatterns, texts.get(i));
            assertEquals(expected, RuleEngineEquivalenceTest.findings(fromFile, texts.get(i)), "text #" + i);
            total += expected.size();
        }
        assertTrue(total > 1000, "findings compared: " + total);
    }
}
