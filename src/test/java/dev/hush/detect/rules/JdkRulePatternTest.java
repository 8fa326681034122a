package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JdkRulePatternTest {
    @Test
    void onlyWholeTopLevelAnyCharClassesAreRewritten() {
        assertEquals("a(?s:.){2,}?b|(?s:.)", JdkRulePattern.anyCharAsDot("a[\\s\\S]{2,}?b|[\\s\\S]"));
        for (String kept : List.of("\\[\\s\\S]", "[x\\s\\S]", "[a[\\s\\S]]", "\\Q[\\s\\S]\\E", "(?x)[\\s\\S] # c", "[\\S\\s]")) {
            assertEquals(kept, JdkRulePattern.anyCharAsDot(kept));
        }
    }

    /** Every catalogue pattern that was rewritten matches exactly as written, wherever a search starts. */
    @Test
    void rewrittenPatternsMatchAsWritten() {
        List<String> patterns = new ArrayList<>(List.of("(x[\\s\\S]{3,}?(?:END|$))", "[\\s\\S]", "(?i)a[\\s\\S]*b"));
        List<String> samples = new ArrayList<>(List.of("END", "\r\n", "\n", "\u2028", "\uD83D\uDE00", "\uD83D", "\uDE00",
                "x", "ab", "AB", " ", "-----END PRIVATE KEY-----", "Private-Lines: 3", "Private-MAC: ", "0f1e2d3c"));
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            String re = s.spec().pattern.replace("(?P<", "(?<");
            if (!JdkRulePattern.anyCharAsDot(re).equals(re)) {
                patterns.add(re);
                if (s.spec().examples != null && s.spec().examples.positive != null) {
                    samples.addAll(s.spec().examples.positive);
                }
            }
        }
        assertTrue(patterns.size() >= 5, "the PEM and PuTTY key rules use [\\s\\S]: " + patterns);
        Random rnd = new Random(7);
        int matched = 0;
        for (String re : patterns) {
            Pattern written = Pattern.compile(re);
            Pattern fast = Pattern.compile(JdkRulePattern.anyCharAsDot(re));
            assertFalse(written.pattern().equals(fast.pattern()));
            for (int n = 0; n < 300; n++) {
                StringBuilder b = new StringBuilder();
                for (int k = rnd.nextInt(6); k >= 0; k--) {
                    String piece = samples.get(rnd.nextInt(samples.size()));
                    b.append(rnd.nextInt(4) == 0 ? piece.substring(0, rnd.nextInt(piece.length() + 1)) : piece);
                }
                String t = b.toString();
                for (int k = 0; k < 40; k++) {
                    int from = rnd.nextInt(t.length() + 1);
                    int to = rnd.nextInt(3) == 0 ? t.length() : from + rnd.nextInt(t.length() - from + 1);
                    String a = attempt(written.matcher(t), from, to);
                    assertEquals(a, attempt(fast.matcher(t), from, to), re + " on " + t);
                    matched += a.isEmpty() ? 0 : 1;
                }
                assertEquals(all(written.matcher(t)), all(fast.matcher(t)), re + " on " + t);
            }
        }
        assertTrue(matched > 300, "the texts give matches: " + matched);
    }

    @Test
    void lookaheadsGoOnlyBeforeAlternationsThatCannotBeSkipped() {
        assertEquals("x{0,4}(?=[abc])(?:ab|b|c)d", JdkRulePattern.firstCharLookaheads("x{0,4}(?:ab|b|c)d"));
        assertEquals("(?=[asbc])(?:(?:a|s)x|b|c)", JdkRulePattern.firstCharLookaheads("(?:(?:a|s)x|b|c)"));
        for (String kept : List.of("(?:a|b|c)?", "(?:a|b|c)*", "(?:a|b|c){0,2}", "(?:a|b?|c)", "(?:a|\\d|c)", "(?:a|b|)",
                "(a|b|c)", "(?:a|b(?i)x|c)", "(?iu)(?:a|b|c)", "(?x)(?:a|b|c)", "[(?:a|b|c)]", "(?:a|[b]|c)", "(?:a|b)")) {
            assertEquals(kept, JdkRulePattern.firstCharLookaheads(kept), kept);
        }
    }

    /**
     * Every catalogue pattern (allowlists too) given look-aheads matches as written wherever an attempt starts and
     * ends; an attempt that fails without reading its region's end (what the engine remembers) fails on any region.
     */
    @Test
    void patternsWithLookaheadsMatchAsWritten() {
        List<String> patterns = new ArrayList<>();
        List<String> samples = new ArrayList<>(List.of("\n", " ", "=", ":", "\"", "'", "K", "\u212A", "key", "TOKEN", "Secret"));
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            List<String> res = new ArrayList<>(List.of(s.spec().pattern));
            List<RuleSpec.Allowlist> lists = new ArrayList<>(s.spec().allowlists);
            if (s.spec().allowlist != null) {
                lists.add(s.spec().allowlist);
            }
            lists.forEach(l -> res.addAll(l.regexes));
            for (String r : res) {
                String re = r.replace("(?P<", "(?<");
                if (!JdkRulePattern.firstCharLookaheads(re).equals(re)) {
                    patterns.add(re);
                }
            }
            if (s.spec().examples != null) {
                samples.addAll(s.spec().examples.positive);
                samples.addAll(s.spec().examples.negative);
            }
        }
        assertTrue(patterns.size() >= 100, "the catalogue's name lists: " + patterns.size());
        Random rnd = new Random(8);
        int matched = 0;
        for (String re : patterns) {
            Pattern written = Pattern.compile(re);
            Pattern fast = Pattern.compile(JdkRulePattern.firstCharLookaheads(re));
            for (int n = 0; n < 40; n++) {
                StringBuilder b = new StringBuilder();
                for (int k = rnd.nextInt(4); k >= 0; k--) {
                    String piece = samples.get(rnd.nextInt(samples.size()));
                    b.append(rnd.nextInt(4) == 0 ? piece.substring(0, rnd.nextInt(piece.length() + 1)) : piece);
                }
                String t = b.toString();
                List<Integer> starts = new ArrayList<>();
                for (Matcher m = written.matcher(t); m.find(); ) {
                    starts.add(m.start());
                }
                for (int k = 0; k < 20; k++) {
                    // where matches start (the engine's start positions), or anywhere
                    int from = !starts.isEmpty() && rnd.nextBoolean() ? starts.get(rnd.nextInt(starts.size()))
                            : rnd.nextInt(t.length() + 1);
                    int to = rnd.nextInt(3) == 0 ? t.length() : from + rnd.nextInt(t.length() - from + 1);
                    String a = attempt(written.matcher(t), from, to);
                    Matcher f = fast.matcher(t);
                    assertEquals(a, attempt(f, from, to), re + " on " + t);
                    if (a.isEmpty() && !f.hitEnd()) {
                        assertEquals("", attempt(written.matcher(t), from, t.length()), re + " on " + t + " from " + from);
                    }
                    matched += a.isEmpty() ? 0 : 1;
                }
                assertEquals(all(written.matcher(t)), all(fast.matcher(t)), re + " on " + t);
            }
        }
        assertTrue(matched > 300, "the texts give matches: " + matched);
    }

    @Test
    void anchoredAllowlistPatternsAreTriedAtTheStartOnly() {
        for (String yes : List.of("^abc", "(?i)^(?:a|b)x", "^[|]x", "^(?:https?|file)://", "^a\\|b")) {
            assertTrue(JdkRulePattern.anchoredAtStart(yes), yes);
        }
        for (String no : List.of("^a|b", "(?m)^a", "^?a", "a^", "(?:^a)", "x", "(?i)(?:^|x)a")) {
            assertFalse(JdkRulePattern.anchoredAtStart(no), no);
        }
        List<String> regexes = new ArrayList<>();
        List<String> samples = new ArrayList<>(List.of("\n", "\u2028", "https://", "abc", "A", "_", ".", "/", "0"));
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            if (s.spec().allowlist != null && s.spec().allowlist.regexes != null) {
                regexes.addAll(s.spec().allowlist.regexes);
            }
            if (s.spec().examples != null && s.spec().examples.positive != null) {
                samples.addAll(s.spec().examples.positive);
            }
        }
        Random rnd = new Random(3);
        int anchored = 0;
        int found = 0;
        for (String re : regexes) {
            JdkRulePattern p = new JdkRulePattern(re);
            Pattern plain = Pattern.compile(re);
            anchored += JdkRulePattern.anchoredAtStart(re) ? 1 : 0;
            for (int n = 0; n < 200; n++) {
                String piece = samples.get(rnd.nextInt(samples.size()));
                int a = rnd.nextInt(piece.length() + 1);
                String t = piece.substring(a, a + rnd.nextInt(piece.length() - a + 1));
                boolean f = plain.matcher(t).find();
                assertEquals(f, p.matchesAnywhere(t), re + " on " + t);
                found += f ? 1 : 0;
            }
        }
        assertTrue(anchored > 20 && found > 100, "anchored " + anchored + ", found " + found);
    }

    private static String attempt(Matcher m, int from, int to) {
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        m.region(from, to);
        return m.lookingAt() ? spans(m) : "";
    }

    private static String all(Matcher m) {
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            b.append(spans(m)).append(';');
        }
        return b.toString();
    }

    private static String spans(Matcher m) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g <= m.groupCount(); g++) {
            b.append(m.start(g)).append('-').append(m.end(g)).append(',');
        }
        return b.toString();
    }
}
