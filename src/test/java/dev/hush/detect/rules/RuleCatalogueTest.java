package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every built-in rule proves itself with its own examples; the catalogue as a whole meets its size and safety bars. */
class RuleCatalogueTest {
    private static final List<RuleCatalogue.SourcedSpec> SPECS = RuleCatalogue.builtinSpecs();
    private static final List<CompiledRule> RULES = RuleCatalogue.compile(SPECS, RuleCompiler.Engine.JDK, Set.of());
    private static final RuleDetector DETECTOR = new RuleDetector("rules", RULES);

    /** Rule ids that report anything in the text, before overlap resolution. */
    private static Set<String> firing(String text) {
        Set<String> ids = new HashSet<>();
        DETECTOR.detect(ScanText.of(text), (s, e, type, rule, conf) -> ids.add(rule));
        return ids;
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFindsItsPositivesAndNotItsNegatives() {
        List<DynamicTest> tests = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : SPECS) {
            RuleSpec spec = s.spec();
            tests.add(DynamicTest.dynamicTest(s.source() + " " + spec.id, () -> {
                assertTrue(spec.examples != null && !spec.examples.positive.isEmpty(),
                        spec.id + " has no positive example");
                for (String p : spec.examples.positive) {
                    assertTrue(firing(p).contains(spec.id), spec.id + " misses its positive example #"
                            + spec.examples.positive.indexOf(p));
                }
                for (String n : spec.examples.negative) {
                    assertFalse(firing(n).contains(spec.id), spec.id + " fires on its negative example #"
                            + spec.examples.negative.indexOf(n));
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void catalogueCoversAtLeastTwoHundredCredentialKinds() {
        Set<String> ids = new HashSet<>();
        for (CompiledRule r : RULES) {
            assertTrue(r.type().startsWith("SECRET."), r.id() + " is not a SECRET type");
            ids.add(r.id());
        }
        assertTrue(ids.size() >= 200, "only " + ids.size() + " rules");
    }

    /** The start-up compiles the catalogue without the RE2 proof ({@link RuleCatalogue#compileBuiltin}): it is made here. */
    @Test
    void everyBuiltInPatternIsAlsoRe2SoTheStartUpNeedNotProveIt() {
        List<String> notRe2 = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : SPECS) {
            try {
                com.google.re2j.Pattern.compile(s.spec().pattern);
            } catch (RuntimeException e) {
                notRe2.add(s.spec().id);
            }
        }
        assertTrue(notRe2.isEmpty(), "not RE2: " + notRe2);
        List<CompiledRule> atStart = RuleCatalogue.compileBuiltin(SPECS, Set.of("aws-access-key-id"));
        assertEquals(RULES.size() - 1, atStart.size());
        List<String> expected = new ArrayList<>();
        for (CompiledRule r : RULES) {
            if (!r.id().equals("aws-access-key-id")) {
                expected.add(r.id() + " " + r.pattern.regex());
            }
        }
        assertEquals(expected, atStart.stream().map(r -> r.id() + " " + r.pattern.regex()).toList());
    }

    @Test
    void everyRuleHasKeywordsSoItRunsOnlyWhereRelevant() {
        for (CompiledRule r : RULES) {
            assertFalse(r.keywords.isEmpty(), r.id() + " has no keywords and would run on every prompt");
        }
    }

    /**
     * No built-in pattern backtracks badly on hostile text: the characters read stay within a linear
     * budget on inputs built from each rule's own keywords and alphabet.
     */
    @TestFactory
    Stream<DynamicTest> builtInPatternsStayLinearOnHostileInput() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CompiledRule r : RULES) {
            tests.add(DynamicTest.dynamicTest(r.id(), () -> {
                String kw = r.keywords.get(0);
                String[] fillers = {"A", "aB3-", " ", "a=", "\"a\":", "x.", "/+", "-----", "0"};
                for (String f : fillers) {
                    String input = kw + "=" + f.repeat(4000 / f.length()) + "!" + kw.toUpperCase();
                    CatastrophicPatternTest.CountingText text =
                            new CatastrophicPatternTest.CountingText(input, 2000L * input.length());
                    r.pattern.find(text, 0, text.length(), r.secretGroup, (s, e, ms, me) -> { });
                }
            }));
        }
        return tests.stream();
    }
}
