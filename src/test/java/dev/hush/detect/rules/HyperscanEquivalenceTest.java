package dev.hush.detect.rules;

import static dev.hush.detect.rules.RuleEngineEquivalenceTest.BUILTIN;
import static dev.hush.detect.rules.RuleEngineEquivalenceTest.findings;
import static dev.hush.detect.rules.RuleEngineEquivalenceTest.generatedTexts;
import static dev.hush.detect.rules.RuleEngineEquivalenceTest.shared;
import static dev.hush.detect.rules.RuleEngineEquivalenceTest.sharedTexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hyperscan engine gives exactly the pure-Java engine's findings (same spans, rules, order), for the
 * built-in catalogue and gitleaks' imported rules, over every rule's examples, texts generated from them
 * (also with the non-ASCII characters where Hyperscan and the JDK read case and classes differently), and,
 * with ../shared, the dev corpus and the peer suites. Skipped where the native library cannot load.
 */
class HyperscanEquivalenceTest {

    @BeforeAll
    static void nativeLibrary() {
        String why = HyperscanPrefilter.unavailableReason();
        assumeTrue(why == null, "skipped: Hyperscan unavailable here: " + why);
    }

    private static int compare(List<CompiledRule> rules, List<String> texts, String what) {
        try (RuleDetector java = new RuleDetector("java", rules, RuleDetector.Engine.LITERALS);
                RuleDetector hs = new RuleDetector("hs", rules, RuleDetector.Engine.HYPERSCAN)) {
            int total = 0;
            for (int i = 0; i < texts.size(); i++) {
                List<String> expected = findings(java, texts.get(i));
                assertEquals(expected, findings(hs, texts.get(i)), what + " text #" + i);
                total += expected.size();
            }
            return total;
        }
    }

    /** Examples glued with characters the engines might read differently: Kelvin sign, long s, astral, lone surrogate. */
    private static List<String> unicodeTexts() {
        List<String> base = generatedTexts();
        Random rnd = new Random(7);
        String[] glue = {"\u212A", "\u017F", "\uD83D\uDE00", "\uD800", "\u00e9", "\u2028", "\r\n", "\u000B", "\u0130"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String a = base.get(rnd.nextInt(base.size()));
            String b = base.get(rnd.nextInt(base.size()));
            String g = glue[rnd.nextInt(glue.length)];
            int cut = rnd.nextInt(a.length() + 1);
            out.add(a.substring(0, cut) + g + a.substring(cut) + g + b);
            out.add(g + a.replace('k', '\u212A').replace('s', '\u017F') + g);
        }
        return out;
    }

    @Test
    void databaseTakesAlmostEveryBuiltInRule() {
        try (RuleDetector hs = new RuleDetector("hs", BUILTIN, RuleDetector.Engine.HYPERSCAN)) {
            String d = hs.engineDescription();
            assertTrue(d.startsWith("hyperscan"), d);
            int covered = Integer.parseInt(d.replaceAll(".*?(\\d+) in the Hyperscan database.*", "$1"));
            assertTrue(covered >= BUILTIN.size() * 9 / 10, d);
        }
    }

    @Test
    void builtInCatalogueOnGeneratedTexts() {
        assertTrue(compare(BUILTIN, generatedTexts(), "generated") > 1000);
    }

    @Test
    void builtInCatalogueOnUnicodeTexts() {
        assertTrue(compare(BUILTIN, unicodeTexts(), "unicode") > 500);
    }

    @Test
    void builtInCatalogueOnCorpusAndPeerSuites() throws Exception {
        assertTrue(compare(BUILTIN, sharedTexts(), "shared") > 1000);
    }

    @Test
    void importedGitleaksRulesOnCorpusPeerSuitesAndGeneratedTexts() throws Exception {
        List<String> texts = new ArrayList<>(sharedTexts());
        List<CompiledRule> imported = GitleaksImporter.importFile(shared().resolve("gitleaks/gitleaks.toml")).rules();
        texts.addAll(generatedTexts());
        texts.addAll(unicodeTexts());
        assertTrue(compare(imported, texts, "gitleaks rules") > 100);
    }

    @Test
    void everyBuiltInRuleAloneOnItsOwnExamples() {
        int found = 0;
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            if (s.spec().examples == null) {
                continue;
            }
            List<CompiledRule> one = RuleCatalogue.compile(List.of(s), RuleCompiler.Engine.JDK, Set.of());
            found += compare(one, RuleEngineEquivalenceTest.exampleTexts(s.spec()), s.spec().id);
        }
        assertTrue(found > 300, found + " findings");
    }

    @Test
    void threadsScanWithTheirOwnScratch() throws Exception {
        List<String> texts = generatedTexts();
        try (RuleDetector java = new RuleDetector("java", BUILTIN, RuleDetector.Engine.LITERALS);
                RuleDetector hs = new RuleDetector("hs", BUILTIN, RuleDetector.Engine.HYPERSCAN)) {
            List<List<String>> expected = new ArrayList<>();
            for (String t : texts) {
                expected.add(findings(java, t));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> parts = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int start = w;
                    parts.add(pool.submit((Callable<Integer>) () -> {
                        int checked = 0;
                        for (int i = start; i < texts.size(); i += 4) {
                            assertEquals(expected.get(i), findings(hs, texts.get(i)), "text #" + i);
                            checked++;
                        }
                        return checked;
                    }));
                }
                int checked = 0;
                for (Future<Integer> f : parts) {
                    checked += f.get();
                }
                assertEquals(texts.size(), checked);
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void settingChoosesTheEngineAndSaysWhy() {
        List<CompiledRule> some = BUILTIN.subList(0, 20);
        List<CompiledRule> withImported = new ArrayList<>(some);
        withImported.addAll(RuleCatalogue.compile(RuleCatalogue.builtinSpecs().subList(0, 3), RuleCompiler.Engine.RE2J, Set.of()));
        try (RuleDetector builtin = RuleDetector.configured("rules", some, "auto");
                RuleDetector imported = RuleDetector.configured("rules", withImported, "auto");
                RuleDetector hs = RuleDetector.configured("rules", some, "hyperscan");
                RuleDetector java = RuleDetector.configured("rules", withImported, "java")) {
            assertTrue(builtin.engineDescription().startsWith("literals"), builtin.engineDescription());
            assertTrue(builtin.engineDescription().endsWith("rules.engine: auto, Java for the built-in catalogue alone"));
            assertTrue(imported.engineDescription().startsWith("hyperscan"), imported.engineDescription());
            assertTrue(imported.engineDescription().endsWith("auto, imported rules and the native library loaded"));
            assertTrue(hs.engineDescription().startsWith("hyperscan"), hs.engineDescription());
            assertTrue(java.engineDescription().startsWith("literals"), java.engineDescription());
        }
        assertThrows(IllegalArgumentException.class, () -> RuleDetector.configured("rules", some, "dfa"));
    }
}
