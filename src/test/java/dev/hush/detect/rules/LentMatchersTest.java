package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The matchers {@link TargetChars} lends to allowlist regexes are reused across checks, targets of every length and
 * patterns sharing a slot: each answer must be the one a fresh matcher gives, and {@link TargetChars#forget} must
 * leave no lent matcher bound to a target. Also the validators' hand-written whole-value checks against the
 * regexes they replace.
 */
class LentMatchersTest {
    private static final String ALPHABET = "aZ09_$.-=/+ \n\u00E9\u212A\uD83D\uDE00";

    @Test
    void lentMatchersAnswerAsFreshOnesAcrossTargetsAndSlots() {
        List<JdkRulePattern> patterns = new ArrayList<>();
        for (CompiledRule rule : RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of())) {
            for (RulePattern p : CatalogueExamples.allowlistRegexes(rule)) {
                if (p instanceof JdkRulePattern j) {
                    patterns.add(j);
                }
            }
        }
        // more patterns than slots: some share a slot, and a lent matcher is replaced by another pattern's
        assertTrue(patterns.size() > TargetChars.MATCHER_SLOTS, patterns.size() + " allowlist patterns");
        List<String> pool = CatalogueExamples.pool(RuleCatalogue.builtinSpecs());
        Random rnd = new Random(15);
        TargetChars chars = new TargetChars();
        int matched = 0;
        int checks = 0;
        for (int n = 0; n < 60_000; n++) {
            JdkRulePattern p = patterns.get(rnd.nextInt(patterns.size()));
            String t = target(rnd, pool);
            boolean want = p.matchesAnywhere(t);
            assertEquals(want, p.matchesAnywhere(t, chars), p.regex() + " on " + t);
            matched += want ? 1 : 0;
            checks++;
            // the transparent, non-anchoring matcher: lookingAt at a few starts, as the allowlist gate makes them
            Matcher fresh = p.matcher(t);
            Matcher lent = p.matcher(t, chars);
            for (int k = 0; k < 3 && t.length() > 0; k++) {
                int s = rnd.nextInt(t.length());
                fresh.region(s, t.length());
                lent.region(s, t.length());
                boolean a = fresh.lookingAt();
                assertEquals(a, lent.lookingAt(), p.regex() + " at " + s + " of " + t);
                if (a) {
                    assertEquals(fresh.end(), lent.end(), p.regex() + " at " + s + " of " + t);
                }
            }
            if (rnd.nextInt(5) == 0) {
                chars.forget();
            }
        }
        assertTrue(matched > 500 && matched < checks - 500, "both outcomes: " + matched + " of " + checks);
    }

    @Test
    void forgetUnbindsEveryLentMatcher() {
        TargetChars chars = new TargetChars();
        List<Matcher> lent = new ArrayList<>();
        List<JdkRulePattern> patterns = List.of(new JdkRulePattern("(?i)^example"), new JdkRulePattern("[a-z]{4,}"),
                new JdkRulePattern("test\\d+"));
        String secret = "candidate-" + Long.toHexString(new Random(16).nextLong());
        for (JdkRulePattern p : patterns) {
            lent.add(p.matcher(secret, chars));
            p.matchesAnywhere(secret, chars);
        }
        chars.forget();
        for (Matcher m : lent) {
            assertEquals(0, m.regionEnd(), "a lent matcher still bound to the target after forget");
        }
        // the slot is reused: the same matcher object is lent again for the same pattern, rebound to the new target
        TargetChars own = new TargetChars();
        JdkRulePattern words = patterns.get(1);
        Matcher first = words.matcher(secret, own);
        own.forget();
        Matcher again = words.matcher("abcdef", own);
        assertSame(first, again);
        assertTrue(again.lookingAt());
        assertEquals(6, again.end());
        own.forget();
    }

    @Test
    void wholeValueChecksAgreeWithTheirRegexes() {
        Random rnd = new Random(17);
        String alphabet = "aAfFgGzZ09_$.x-\u00E9\uD83D";
        int hex = 0;
        int paths = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            int span = 1 + rnd.nextInt(alphabet.length());
            for (int k = rnd.nextInt(12); k > 0; k--) {
                b.append(alphabet.charAt(rnd.nextInt(span)));
            }
            String v = b.toString();
            boolean h = Validators.HEX.matcher(v).matches();
            boolean p = Validators.IDENTIFIER_PATH.matcher(v).matches();
            assertEquals(h, Validators.allHex(v), v);
            assertEquals(p, Validators.identifierPath(v), v);
            hex += h ? 1 : 0;
            paths += p ? 1 : 0;
        }
        assertTrue(hex > 1_000 && hex < 49_000, "both outcomes of the hex check: " + hex);
        assertTrue(paths > 1_000 && paths < 49_000, "both outcomes of the path check: " + paths);
    }

    /** A catalogue example cut at random, a random string of 0-600 chars, or a piece of both. */
    private static String target(Random rnd, List<String> pool) {
        String ex = pool.get(rnd.nextInt(pool.size()));
        StringBuilder b = new StringBuilder();
        for (int k = rnd.nextInt(rnd.nextInt(8) == 0 ? 600 : 40); k > 0; k--) {
            b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> ex.substring(rnd.nextInt(ex.length() + 1));
            case 1 -> b.toString();
            default -> ex.substring(0, rnd.nextInt(ex.length() + 1)) + b;
        };
    }
}
