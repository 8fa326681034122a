package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternFactsTest {

    @Test
    void prefixedTokenNeedsAndStartsWithItsPrefix() {
        PatternFacts f = PatternFacts.of("\\b(gsk_[A-Za-z0-9]{52})\\b");
        assertEquals(List.of(Set.of("gsk_")), f.required);
        assertEquals(Set.of("gsk_"), f.startLiterals);
        assertEquals(56, f.head.length);
        assertTrue(f.head[4]['Q'] && !f.head[4]['-']);
    }

    @Test
    void caseInsensitiveAlternativesBecomeOneFactor() {
        PatternFacts f = PatternFacts.of("(?i)(?:api|secret)[_-]?key[ \\t]*=");
        assertEquals(1, f.required.size());
        assertTrue(f.required.get(0).containsAll(Set.of("apikey", "api_key", "secret-key")), f.required.toString());
        assertTrue(f.firstChars['A'] && f.firstChars['s'] && !f.firstChars['x']);
    }

    @Test
    void aLeadingCaretOnlyMattersAtPositionZero() {
        PatternFacts f = PatternFacts.of("(?:^|[^A-Za-z0-9])(s\\.[A-Za-z0-9]{24})");
        assertTrue(f.caret);
        assertFalse(f.firstChars['a'], "after position 0 a match starts at the delimiter");
        assertTrue(f.firstChars[' ']);
        assertEquals(List.of(Set.of("s.")), f.required);
        assertEquals(Set.of("s."), f.anchor);
        assertEquals(1, f.anchorOffset);
    }

    @Test
    void constructsItCannotReadGateNothing() {
        for (String p : new String[] {"(?=abc)abc", "a(?!b)", "(?m)^abc", "(\\w)\\1", "\\Qabc\\E", "[a-z&&[^b]]x", "(?x) a b"}) {
            assertTrue(PatternFacts.of(p).unknown, p);
        }
        PatternFacts nullable = PatternFacts.of("[a-z]*");
        assertNull(nullable.firstChars);
        assertTrue(nullable.required.isEmpty());
    }

    /** Every pattern of the catalogue, its allowlists included. */
    private static List<String> allPatterns() {
        List<String> out = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            RuleSpec r = s.spec();
            out.add(r.pattern.replace("(?P<", "(?<"));
            List<RuleSpec.Allowlist> lists = new ArrayList<>(r.allowlists);
            if (r.allowlist != null) {
                lists.add(r.allowlist);
            }
            lists.forEach(a -> a.regexes.forEach(x -> out.add(x.replace("(?P<", "(?<"))));
        }
        return out;
    }

    /** Soundness: wherever a pattern matches, every literal factor it is said to need is in the match. */
    @Test
    void requiredLiteralsAreInEveryMatchOfEveryCataloguePattern() {
        List<String> texts = new ArrayList<>();
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            if (s.spec().examples != null) {
                for (String t : s.spec().examples.positive) {
                    texts.add(t);
                    texts.add(t.toUpperCase(Locale.ROOT));
                }
                texts.addAll(s.spec().examples.negative);
            }
        }
        int matches = 0;
        int gated = 0;
        int withBefore = 0;
        for (String p : allPatterns()) {
            PatternFacts f = PatternFacts.of(p);
            if (!f.required.isEmpty()) {
                gated++;
            }
            Pattern compiled = Pattern.compile(p);
            for (String t : texts) {
                Matcher m = compiled.matcher(t);
                while (m.find()) {
                    matches++;
                    String lower = t.substring(m.start(), m.end()).toLowerCase(Locale.ROOT);
                    for (Set<String> factor : f.required) {
                        assertTrue(factor.stream().anyMatch(lower::contains), p + " matched without any of " + factor);
                    }
                    if (f.startLiterals != null && m.start() > 0) {
                        assertTrue(f.startLiterals.stream().anyMatch(lower::startsWith), p + " starts otherwise");
                    }
                    if (f.before != null && m.start() > 0) {
                        char c = t.charAt(m.start() - 1);
                        assertTrue(f.before[c < 128 ? c : 128], p + " matched after a char it says cannot precede");
                        withBefore++;
                    }
                    if (m.end() == m.start()) {
                        break;
                    }
                }
            }
        }
        assertTrue(matches > 1000, matches + " matches checked");
        assertTrue(gated > 200, gated + " patterns gated by literals");
        assertTrue(withBefore > 100, withBefore + " matches after position 0 with a known preceding char");
    }

    @Test
    void aLeadingWordBoundaryBeforeAWordCharNeedsANonWordCharBefore() {
        PatternFacts f = PatternFacts.of("(?i)\\b(?:passcode|pin)\\b[ \\t]+is[ \\t]+([0-9]{4,8})");
        assertFalse(f.before['a'] || f.before['Z'] || f.before['7'] || f.before['_'], "a word char before: no \\b");
        assertTrue(f.before[' '] && f.before['('] && f.before['-'] && f.before['\n']);
        assertTrue(f.before[128], "a non-ASCII letter's word-ness differs between JDK versions: allowed");
        // before a non-word opening, \b needs a word char before it
        PatternFacts dash = PatternFacts.of("\\b--token=([a-z0-9]{12})");
        assertTrue(dash.before['x'] && dash.before['_'] && !dash.before[' '] && !dash.before['-']);
    }

    @Test
    void openingsThatConstrainNothingLeaveBeforeOpen() {
        // the boundary may fall before a word char or before a dot: either side is possible
        assertNull(PatternFacts.of("\\b[a-z.]{8}").before);
        // an optional \b group can be skipped; a consumed delimiter is the head, not a preceding char
        assertNull(PatternFacts.of("(?:\\bx)?y[0-9]{4}").before);
        assertNull(PatternFacts.of("(?:^|[^A-Za-z0-9])(s\\.[A-Za-z0-9]{24})").before);
        // an alternative without a boundary opens the set to any char
        assertNull(PatternFacts.of("(?:\\bkey|-key)=[a-z]{8}").before);
        // ^ (no MULTILINE) cannot match after position 0: no start there, nothing to say about a char before it
        assertNull(PatternFacts.of("^abc[0-9]{4}").before);
    }
}
