package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The candidate checks made cheaper for issue 10 (no copy per word, an early exit for runs, no regex to drop
 * whitespace) give what the plain versions below give, on random values built to hit both outcomes.
 */
class AcceptChecksTest {
    private static final String[] PIECES = {"sample", "SAMPLE", "Dummy", "todo", "FixMe", "fake", "lorem", "ipsum",
        "testKey", "myToken", "\u212Aey", "\u017Fample", "\u0130nsert", "insert", "abcdefgh", "12345678", "a1b2c3d4",
        "aaaaaaaa", "0000", "xq", "Zr9", "-", "_", ".", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2028", "9",
        "Q", "k", "\u00E9t\u00E9"};

    @Test
    void cheapChecksAgreeWithThePlainOnes() {
        Random rnd = new Random(10);
        int words = 0;
        int runs = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(7); k >= 0; k--) {
                b.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            String v = b.toString();
            boolean word = plainHasPlaceholderWord(v);
            assertEquals(word, Placeholders.hasPlaceholderWord(v), v);
            boolean run = plainWholeVariablePartIsRun(v);
            assertEquals(run, Placeholders.wholeVariablePartIsRun(v), v);
            assertEquals(v.replaceAll("\\s", ""), Validators.withoutWhitespace(v), v);
            words += word ? 1 : 0;
            runs += run ? 1 : 0;
        }
        assertTrue(words > 2_000 && words < 18_000, "both outcomes of the word check: " + words);
        int units = 0;
        for (int n = 0; n < 20_000; n++) {
            // a unit written again (sometimes with one char changed), or the pieces glued as above
            StringBuilder u = new StringBuilder();
            for (int k = rnd.nextInt(3); k >= 0; k--) {
                u.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            String unit = u.length() > 6 ? u.substring(0, 1 + rnd.nextInt(6)) : u.toString();
            StringBuilder b = new StringBuilder(unit.repeat(1 + rnd.nextInt(6)));
            if (rnd.nextInt(3) == 0 && b.length() > 0) {
                b.setCharAt(rnd.nextInt(b.length()), PIECES[rnd.nextInt(PIECES.length)].charAt(0));
            }
            String v = b.toString();
            boolean unitRun = plainRepeatedUnit(v);
            assertEquals(unitRun, Placeholders.repeatedUnit(v), v);
            assertEquals(plainWholeVariablePartIsRun(v), Placeholders.wholeVariablePartIsRun(v), v);
            units += unitRun ? 1 : 0;
        }
        assertTrue(units > 1_000 && units < 19_000, "both outcomes of the unit check: " + units);
        assertTrue(runs > 200 && runs < 19_800, "both outcomes of the run check: " + runs);
    }

    @Test
    void entropyIsThePlainComputationToTheLastBit() {
        Random rnd = new Random(11);
        String alphabet = "abcAB01-_+/=\u00E9\u212A\u4E2D";
        for (int n = 0; n < 20_000; n++) {
            int len = rnd.nextInt(n % 10 == 0 ? 600 : 80);
            StringBuilder b = new StringBuilder();
            int span = 1 + rnd.nextInt(alphabet.length());
            for (int i = 0; i < len; i++) {
                b.append(rnd.nextInt(4) == 0 ? (char) (33 + rnd.nextInt(94)) : alphabet.charAt(rnd.nextInt(span)));
            }
            String v = b.toString();
            assertEquals(plainShannon(v), Entropy.shannon(v), 0.0, v);
        }
    }

    @Test
    void allowlistRegexesAnswerAsTheirPatternsSearch() {
        List<RuleCatalogue.SourcedSpec> specs = RuleCatalogue.builtinSpecs();
        List<String> pool = CatalogueExamples.pool(specs);
        Random rnd = new Random(12);
        int checked = 0;
        int matched = 0;
        for (CompiledRule rule : RuleCatalogue.compile(specs, RuleCompiler.Engine.JDK, Set.of())) {
            List<RulePattern> regexes = CatalogueExamples.allowlistRegexes(rule);
            if (regexes.isEmpty()) {
                continue;
            }
            // the rule's own candidates (secret and whole match) on every example, then cut, glued and re-cased
            List<String> targets = new ArrayList<>();
            for (String example : pool) {
                rule.pattern.find(example, 0, example.length(), rule.secretGroup, (a, b, c, d) -> {
                    targets.add(example.substring(a, b));
                    targets.add(example.substring(c, d));
                });
            }
            for (int k = 0; k < 300; k++) {
                String t = targets.isEmpty() || rnd.nextBoolean() ? pool.get(rnd.nextInt(pool.size()))
                        : targets.get(rnd.nextInt(targets.size()));
                int cut = rnd.nextInt(t.length() + 1);
                targets.add(switch (rnd.nextInt(4)) {
                    case 0 -> t.substring(cut);
                    case 1 -> t.substring(0, cut);
                    case 2 -> t + PIECES[rnd.nextInt(PIECES.length)] + pool.get(rnd.nextInt(pool.size()));
                    default -> rnd.nextBoolean() ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT);
                });
            }
            List<AllowlistRegex> gated = regexes.stream().map(AllowlistRegex::new).toList();
            TargetChars chars = new TargetChars();
            for (String t : targets) {
                // each regex alone, and all of the rule's through one shared chars gate, as CompiledRule runs them
                for (int r = 0; r < regexes.size(); r++) {
                    RulePattern p = regexes.get(r);
                    boolean want = p.matchesAnywhere(t);
                    assertEquals(want, gated.get(r).matchesAnywhere(t), rule.id + ": " + p.regex() + " on " + t);
                    assertEquals(want, gated.get(r).matchesAnywhere(t, chars), rule.id + " (shared gate): " + p.regex() + " on " + t);
                    checked++;
                    matched += want ? 1 : 0;
                }
                chars.forget();
            }
        }
        assertTrue(checked > 50_000 && matched > 1_000, checked + " checked, " + matched + " matched");
    }

    private static final String[] REFERENCE_PIECES = {"$", "%", "{", "}", "{{", "}}", "<", ">", "(", ")", "[", "]",
        "${", "$(", "os.", "environ", ".get", "os.getenv(", "process.env.", "getenv(", "secrets.", "vars.", "env.",
        "var.", "settings.", "config.", "ENV[", "System.getenv", "API_KEY", "x9", "_", ".", " ", "\u212A", "\u00E9"};

    @Test
    void referencePemAndUuidChecksAgreeWithThePlainOnes() {
        assertNotNull(AllowlistRegex.openingChars(Placeholders.ENV_REFERENCE.pattern()), "the reference gate is read");
        Random rnd = new Random(13);
        int references = 0;
        int pems = 0;
        int uuids = 0;
        String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(5); k >= 0; k--) {
                b.append(rnd.nextInt(3) == 0 ? PIECES[rnd.nextInt(PIECES.length)]
                        : REFERENCE_PIECES[rnd.nextInt(REFERENCE_PIECES.length)]);
            }
            String v = b.toString();
            boolean reference = Placeholders.ENV_REFERENCE.matcher(v).matches();
            assertEquals(reference, Placeholders.isEnvReference(v), v);
            references += reference ? 1 : 0;

            StringBuilder pem = new StringBuilder(rnd.nextBoolean() ? "x -----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN");
            boolean oneChar = rnd.nextInt(4) == 0;
            for (int k = rnd.nextInt(120); k >= 0; k--) {
                pem.append(oneChar && rnd.nextBoolean() ? 'A' : rnd.nextInt(8) == 0
                        ? PIECES[rnd.nextInt(PIECES.length)] : String.valueOf(b64.charAt(rnd.nextInt(b64.length()))));
            }
            if (rnd.nextBoolean()) {
                pem.append("-----END RSA PRIVATE KEY-----");
            }
            String p = pem.toString();
            boolean plainPem = plainPem(p);
            assertEquals(plainPem, Validators.pem(p), p);
            pems += plainPem ? 1 : 0;

            StringBuilder u = new StringBuilder();
            for (int k = 34 + rnd.nextInt(5); k > 0; k--) {
                int at = u.length();
                u.append(at == 8 || at == 13 || at == 18 || at == 23 ? '-' : "0123456789abcdefABCDEF".charAt(rnd.nextInt(22)));
            }
            String id = u.toString();
            boolean uuid = id.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
            assertEquals(!uuid, Validators.named("not-uuid").test(id), id);
            uuids += uuid ? 1 : 0;
        }
        assertTrue(references > 500 && references < 19_500, "both outcomes of the reference check: " + references);
        assertTrue(pems > 500 && pems < 19_500, "both outcomes of the PEM check: " + pems);
        assertTrue(uuids > 500 && uuids < 19_500, "both outcomes of the UUID check: " + uuids);
    }

    /** The PEM check as first written: the body copied, then copied again without whitespace. */
    private static boolean plainPem(String v) {
        int begin = v.indexOf("-----BEGIN");
        if (begin < 0) {
            return false;
        }
        int bodyStart = v.indexOf("-----", begin + 10);
        if (bodyStart < 0) {
            return false;
        }
        bodyStart += 5;
        int end = v.indexOf("-----END", bodyStart);
        String body = end < 0 ? v.substring(bodyStart) : v.substring(bodyStart, end);
        int b64 = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=') {
                b64++;
            }
        }
        return b64 >= 64 && !Placeholders.dominatedByOneChar(body.replaceAll("\\s", ""));
    }

    /** Entropy as first written: a fresh count array, two logs per distinct char. */
    private static double plainShannon(String s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        int[] ascii = new int[128];
        java.util.HashMap<Character, Integer> other = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (other == null) {
                    other = new java.util.HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int count : ascii) {
            if (count > 0) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        if (other != null) {
            for (int count : other.values()) {
                double p = (double) count / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        return h;
    }

    /** The repetition check as first written: a folded copy, every period tried. */
    static boolean plainRepeatedUnit(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        String s = b.toString();
        int n = s.length();
        if (n < 8) {
            return false;
        }
        for (int p = 1; p <= n / 2; p++) {
            if (n % p != 0) {
                continue;
            }
            boolean periodic = true;
            for (int i = p; i < n && periodic; i++) {
                periodic = s.charAt(i) == s.charAt(i - p);
            }
            if (periodic && (p <= 4 || Placeholders.countingRun(s.substring(0, p)))) {
                return true;
            }
        }
        return false;
    }

    // the same words as Placeholders.WORDS (myToken, mysecret, mypassword left it: word-like values may be passwords)
    private static final Set<String> WORDS = Set.of("sample", "dummy", "insert", "todo", "fixme", "fake", "testkey",
            "foobar", "lorem", "ipsum");

    /** The check as first written: each word copied and lower-cased. */
    static boolean plainHasPlaceholderWord(String v) {
        int i = 0;
        int n = v.length();
        while (i < n) {
            if (!Character.isLetter(v.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int piece = i;
            while (i < n && Character.isLetter(v.charAt(i))) {
                if (i > start && Character.isUpperCase(v.charAt(i)) && Character.isLowerCase(v.charAt(i - 1))) {
                    if (WORDS.contains(v.substring(piece, i).toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                    piece = i;
                }
                i++;
            }
            if (WORDS.contains(v.substring(start, i).toLowerCase(Locale.ROOT))
                    || piece > start && WORDS.contains(v.substring(piece, i).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The check as first written: every span tried. */
    static boolean plainWholeVariablePartIsRun(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = Character.toLowerCase(v.charAt(i));
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b.append(c);
            }
        }
        int n = b.length();
        if (n < 8 + 1) {
            return false;
        }
        for (int affix = 1; affix <= 6 && n - affix >= 8; affix++) {
            if (isRun(b, affix, n) || isRun(b, 0, n - affix)) {
                return true;
            }
        }
        return isRun(b, 0, n);
    }

    private static boolean isRun(CharSequence s, int from, int to) {
        boolean same = true;
        boolean count = true;
        boolean interleaved = true;
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            char prev = s.charAt(i - 1);
            boolean alnum = c >= '0' && c <= '9' || c >= 'a' && c <= 'z';
            same &= c == prev;
            count &= alnum && (c == prev + 1 || prev == '9' && (c == '0' || c == 'a') || prev == '0' && c == 'a'
                    || prev == 'z' && (c == 'a' || c == '0' || c == '1'));
            if (i >= from + 2) {
                char prev2 = s.charAt(i - 2);
                interleaved &= alnum && (c == prev2 + 1 || prev2 == '9' && c == '0' || prev2 == 'z' && c == 'a');
            }
        }
        return same || count || interleaved;
    }
}
