package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(runs > 200 && runs < 19_800, "both outcomes of the run check: " + runs);
    }

    private static final Set<String> WORDS = Set.of("sample", "dummy", "insert", "todo", "fixme", "fake", "testkey",
            "mytoken", "mysecret", "mypassword", "foobar", "lorem", "ipsum");

    /** The check as first written: each word copied and lower-cased. */
    private static boolean plainHasPlaceholderWord(String v) {
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
    private static boolean plainWholeVariablePartIsRun(String v) {
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
