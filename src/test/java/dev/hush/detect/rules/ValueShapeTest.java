package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValueShapeTest {

    private static final String ASSIGNMENT = "(?i)(?:^|[^A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,40}(?:secret|token))"
            + "(?:[ \\t]*(?:=|:)|[ \\t]+)[ \\t]*[\"']?([A-Za-z0-9_+/=.-]{12,256})";

    @Test
    void anAssignmentPatternNeedsItsValueRunAfterTheName() {
        ValueShape v = PatternFacts.of(ASSIGNMENT).valueShape;
        assertNotNull(v);
        assertEquals(12, v.minRun);
        assertTrue(v.run['Q'] && !v.run['"'] && !v.run[' ']);
        String ok = "my_token = \"" + "Zq4x".repeat(4) + "\"";
        assertTrue(v.fits(ok, ok.indexOf("token") + 5, ok.length()));
        String call = "my_token = foo(bar)";
        assertFalse(v.fits(call, call.indexOf("token") + 5, call.length()));
        String shortValue = "token: abc123";
        assertFalse(v.fits(shortValue, 5, shortValue.length()));
        // the value must end by the region's end
        assertFalse(v.fits(ok, ok.indexOf("token") + 5, ok.indexOf("token") + 20));
    }

    @Test
    void noShapeWhereTheTailHasNoLongRunOrNoAnchor() {
        assertNull(PatternFacts.of("(?i)token[ \\t]*=[ \\t]*([a-z0-9]{4,6})").valueShape, "run too short to gate");
        assertNull(PatternFacts.of("(?i)token[ \\t]*=.*").valueShape, "unbounded tail without a run");
        assertNull(PatternFacts.of("(?i)token[ \\t]*=(?s:.){20}").valueShape, "a run of any char gates nothing");
        assertNull(PatternFacts.of("[a-z]+=[A-Za-z0-9]{20}").valueShape, "no anchor literal");
    }

    /** The walk against its definition: some r with r - from <= maxPre, pre chars in [from, r), a run at r. */
    @Test
    void fitsIsExactlyItsDefinitionOnRandomTexts() {
        Random rnd = new Random(20261201);
        String alphabet = "ab=\" x\u00e9";
        int fits = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean[] pre = randomSet(rnd);
            boolean[] run = randomSet(rnd);
            int maxPre = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(6);
            int k = 1 + rnd.nextInt(5);
            ValueShape v = ValueShape.open(pre, maxPre).then(ValueShape.run(run, k));
            StringBuilder b = new StringBuilder();
            for (int n = rnd.nextInt(14); n > 0; n--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String t = b.toString();
            int from = rnd.nextInt(t.length() + 1);
            int to = from + rnd.nextInt(t.length() - from + 1);
            boolean expected = definition(t, from, to, pre, maxPre < 0 ? Integer.MAX_VALUE : maxPre, run, k);
            assertEquals(expected, v.fits(t, from, to), t + " " + from + ".." + to);
            fits += expected ? 1 : 0;
        }
        assertTrue(fits > 2000 && fits < 18_000, fits + " of 20,000 fit: both outcomes exercised");
    }

    private static boolean[] randomSet(Random rnd) {
        boolean[] s = new boolean[129];
        for (char c : "ab=\" x".toCharArray()) {
            s[c] = rnd.nextBoolean();
        }
        s[128] = rnd.nextBoolean();
        return s;
    }

    private static boolean definition(String t, int from, int to, boolean[] pre, int maxPre, boolean[] run, int k) {
        for (int r = from; r + k <= to && r - from <= maxPre; r++) {
            boolean ok = true;
            for (int q = r; q < r + k; q++) {
                ok &= run[idx(t.charAt(q))];
            }
            if (ok) {
                return true;
            }
            if (!pre[idx(t.charAt(r))]) {
                return false; // later starts would have a non-pre char before them
            }
        }
        return false;
    }

    private static int idx(char c) {
        return c < 128 ? c : 128;
    }

    /**
     * Soundness: every match of every catalogue rule whose pattern has a value shape holds an anchor hit in
     * reach of its start (as the engine admits it) after whose end the shape fits within the match.
     */
    @Test
    void everyMatchOfEveryShapedCataloguePatternFitsItsShape() throws Exception {
        List<String> texts = new ArrayList<>(RuleEngineEquivalenceTest.generatedTexts());
        for (String t : new ArrayList<>(texts)) {
            texts.add(t.toUpperCase(Locale.ROOT));
        }
        try {
            texts.addAll(RuleEngineEquivalenceTest.sharedTexts());
        } catch (org.opentest4j.TestAbortedException e) {
            // ../shared missing: the catalogue's own texts still run
        }
        int shaped = 0;
        int matches = 0;
        for (RuleCatalogue.SourcedSpec s : RuleCatalogue.builtinSpecs()) {
            String p = s.spec().pattern.replace("(?P<", "(?<");
            PatternFacts f = PatternFacts.of(p);
            if (f.valueShape == null) {
                continue;
            }
            shaped++;
            Pattern compiled = Pattern.compile(p);
            for (String t : texts) {
                Matcher m = compiled.matcher(t);
                while (m.find()) {
                    if (m.start() == 0 && f.caret) {
                        continue; // position 0 is always tried where ^ may match
                    }
                    matches++;
                    assertTrue(anchorHitFits(f, t, m.start(), m.end()), s.spec().id + " matched without its value shape");
                }
            }
        }
        assertTrue(shaped >= 20, shaped + " catalogue patterns have a value shape");
        assertTrue(matches > 1000, matches + " matches checked");
    }

    private static boolean anchorHitFits(PatternFacts f, String t, int start, int end) {
        StringBuilder folded = new StringBuilder(t); // ASCII folding only, like the automaton: lengths stay
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                folded.setCharAt(i, (char) (c + 32));
            }
        }
        String lower = folded.toString();
        for (String lit : f.anchor) {
            for (int a = lower.indexOf(lit, start + f.anchorSkip); a >= 0 && a <= start + f.anchorOffset;
                    a = lower.indexOf(lit, a + 1)) {
                int b = a + lit.length();
                if (b <= end && f.valueShape.fits(t, b, end)) {
                    return true;
                }
            }
        }
        return false;
    }
}
