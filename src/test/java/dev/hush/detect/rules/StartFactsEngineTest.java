package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The literal engine skips starts whose preceding char the pattern's opening {@code \b} or {@code (?m)^} rules out
 * ({@link PatternFacts#before}); it must still find every match the reference engine finds, in particular after
 * the less common line terminators and after non-ASCII letters, which a too-narrow set would drop.
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
    void multilineRuleMatchesAfterEveryLineTerminator() {
        CompiledRule r = rule("env-pass-test", "(?m)^[ \\t]*(?:export[ \\t]+)?DB_PASS=([^\\s]{3,64})", "db_pass=");
        assertTrue(PatternFacts.of(r.pattern.regex()).before != null, "the rule has a start fact to use");
        List<CompiledRule> rules = List.of(r);
        RuleEngine reference = new WindowedRuleEngine(rules);
        RuleEngine literals = new LiteralRuleEngine(rules);
        // each separator ends a line for the JDK's MULTILINE ^, so each text holds exactly one match
        for (String sep : new String[] {"\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029"}) {
            String text = "cfg" + sep + "  DB_PASS=Rk4vQz9wLm" + sep + "end";
            List<String> expected = found(reference, text);
            assertEquals(1, expected.size(), "reference on separator " + (int) sep.charAt(0));
            assertEquals(expected, found(literals, text), "separator " + (int) sep.charAt(0));
        }
        // not at a line start: neither engine reports it
        String inside = "cfg  DB_PASS=Rk4vQz9wLm";
        assertEquals(List.of(), found(reference, inside));
        assertEquals(List.of(), found(literals, inside));
    }

    @Test
    void boundaryRuleMatchesWhereverTheReferenceDoes() {
        CompiledRule r = rule("passcode-test", "(?i)\\b(?:passcode|pin)\\b[ \\t]+is[ \\t]+([0-9]{4,8})", "passcode", "pin");
        List<CompiledRule> rules = List.of(r);
        RuleEngine reference = new WindowedRuleEngine(rules);
        RuleEngine literals = new LiteralRuleEngine(rules);
        int total = 0;
        // word chars before the keyword (no match), delimiters (a match), non-ASCII letters (JDK-dependent)
        for (String before : new String[] {"", " ", "(", "\n", "x", "_", "7", "\u00e9", "\u00df", "\u4e2d", "\ud835\udc00", "-"}) {
            String text = "note: " + before + "Passcode is 48213590, pin is 7731";
            List<String> expected = found(reference, text);
            assertEquals(expected, found(literals, text), "after " + before);
            total += expected.size();
        }
        assertTrue(total >= 12, total + " findings: each text has at least its pin");
        assertFalse(found(reference, "note: xPasscode is 48213590").contains("18..26 passcode-test"));
    }
}
