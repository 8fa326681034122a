package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The literal engine skips starts whose preceding char the pattern's opening {@code \b} rules out
 * ({@link PatternFacts#before}); it must still find every match the reference engine finds, in particular after
 * non-ASCII letters and surrogate pairs, whose word-ness a too-narrow set would decide wrongly.
 */
class StartFactsEngineTest {

    private static CompiledRule rule(String id, String pattern, String... keywords) {
        RuleSpec spec = new RuleSpec();
        spec.id = id;
        spec.type = "SECRET.TEST";
        spec.pattern = pattern;
        spec.keywords = List.of(keywords);
        spec.placeholderCheck = false;
        return RuleCompiler.compile(spec, "test.yaml", RuleCompiler.Engine.JDK);
    }

    private static List<String> found(RuleEngine engine, String text) {
        List<String> out = new ArrayList<>();
        engine.detect(text, (s, e, type, id, conf) -> out.add(s + ".." + e + " " + id));
        return out;
    }

    @Test
    void boundaryRuleMatchesWhereverTheReferenceDoes() {
        CompiledRule r = rule("passcode-test", "(?i)\\b(?:passcode|pin)\\b[ \\t]+is[ \\t]+([0-9]{4,8})", "passcode", "pin");
        List<CompiledRule> rules = List.of(r);
        RuleEngine reference = new WindowedRuleEngine(rules);
        RuleEngine literals = new LiteralRuleEngine(rules);
        int total = 0;
        // word chars before the keyword (no match), delimiters (a match), non-ASCII letters (JDK-dependent)
        for (String before : new String[] {"", " ", "(", "\n", "x", "_", "7", "\u00e9", "\u00df", "\u4e2d", "\ud835\udc00",
                "-", "\u00a0", "\u201c"}) {
            String text = "note: " + before + "Passcode is 48213590, pin is 7731";
            List<String> expected = found(reference, text);
            assertEquals(expected, found(literals, text), "after U+" + Integer.toHexString(before.isEmpty() ? 0 : before.charAt(0)));
            total += expected.size();
        }
        assertTrue(total >= 14, total + " findings: each text has at least its pin");
        // a non-ASCII non-letter before the keyword: \b holds there, so a set that left out bit 128 would miss it
        String nbsp = "note:\u00a0Passcode is 48213590";
        assertEquals(1, found(reference, nbsp).size());
        assertEquals(found(reference, nbsp), found(literals, nbsp));
        // an ASCII word char before it: \b fails, and the start is not even tried
        assertEquals(List.of(), found(reference, "note: xPasscode is 48213590"));
        assertEquals(List.of(), found(literals, "note: xPasscode is 48213590"));
    }
}
