package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-pass checks of the tenth round (issue 10) against straightforward references: the placeholder test in
 * one automaton pass and the automaton itself (the allowlist regexes behind a target's shared chars gate are
 * checked in {@link AcceptChecksTest}, on the same targets as each regex alone).
 */
class OnePassChecksTest {
    // the same markers and self-names as Placeholders (a changed list shows here as a failed comparison)
    private static final String[] MARKERS = {"example", "placeholder", "changeme", "change_me", "change-me", "your_",
        "your-", "<your", "yourkey", "yourtoken", "yourpassword", "xxxx", "****", "....", "redacted", "replace_me",
        "replaceme", "notreal", "not_real", "test_key", "secret_here", "key_here", "token_here", "password_here",
        "goes_here", "goeshere"};
    private static final Set<String> SELF_NAMES = Set.of("password", "passwd", "passphrase", "apikey", "api_key",
            "api-key", "accesskey", "access_key", "secretkey", "secret_key");

    /** Pieces that hit each check and each boundary: markers cut short, words glued, runs, separators, other text. */
    private static final String[] PIECES = {"EXAMPLE", "exampl", "Placeholder", "xxx", "x", "***", "*", "...", ".",
        "your", "_", "-", " ", "key", "here", "_here", "goes", "Sample", "sample", "dummy", "Todo", "fix", "Me",
        "fake", "testKey", "lorem", "IPSUM", "foo", "Bar", "aaaa", "0000", "1234", "5678", "90ab", "cdef", "abcd",
        "efgh", "a1b2", "c3d4", "e5f6", "g7h8", "i9j0", "AIzaSy", "NRAL", "00", "Zq7", "k9W", "Xv2Rm8", "p4", "${",
        "}", "$", "%", "<", ">", "{{", "env.", "os.getenv(", "config.", "API", "password", "Passwd", "api_key",
        "\u00E9", "\u212A", "\u0130", "\t", "abcabc", "12341234"};

    @Test
    void placeholderInOnePassAnswersAsThePlainChecks() {
        Random rnd = new Random(101);
        int placeholders = 0;
        int ascii = 0;
        for (int n = 0; n < 60_000; n++) {
            String v = randomValue(rnd);
            boolean exact = Placeholders.isPlaceholderExact(v);
            assertEquals(exact, Placeholders.isPlaceholder(v), v);
            if (isAscii(v)) {
                assertEquals(plainIsPlaceholder(v), exact, v);
                ascii++;
            }
            placeholders += exact ? 1 : 0;
        }
        assertTrue(placeholders > 6_000 && placeholders < 54_000, "both outcomes: " + placeholders);
        assertTrue(ascii > 30_000, "mostly ASCII values, as candidates are: " + ascii);
    }

    @Test
    void placeholderCraftedValues() {
        for (String v : new String[] {"", "x", "xxxx", "XxXx", "..", "....", "*-**", "sampleFake", "mySampleKey",
            "samplE", "SAMPLEkey", "a1b2c3d4e5f6g7h8", "a1b2c3d4e5f6g7h8NRAL", "AIzaSyabcdefghijk", "0000-0000",
            "Kq7vKq7vKq7v", "Kq7vKq7vKq7vK", "ab.ab.ab.ab", "${X}", "env.Y", "\u212Aey_here", "\u0130nsert",
            "Password", "api-key", "z0a1b2c3d4e5f6g7h", "Rx9-Tq2_Lm4 Wz7.Ka1"}) {
            assertEquals(Placeholders.isPlaceholderExact(v), Placeholders.isPlaceholder(v), v);
            if (isAscii(v)) {
                assertEquals(plainIsPlaceholder(v), Placeholders.isPlaceholder(v), v);
            }
        }
    }

    @Test
    void foldedAutomatonFindsWhatContainsFinds() {
        Random rnd = new Random(102);
        String alphabet = "abcxy._*";
        for (int round = 0; round < 200; round++) {
            String[][] sets = new String[2][];
            for (int s = 0; s < 2; s++) {
                sets[s] = new String[1 + rnd.nextInt(5)];
                for (int k = 0; k < sets[s].length; k++) {
                    sets[s][k] = randomText(rnd, alphabet, 1 + rnd.nextInt(4), false);
                }
            }
            FoldedAutomaton a = FoldedAutomaton.of(sets[0], sets[1]);
            for (int t = 0; t < 200; t++) {
                String text = randomText(rnd, alphabet + "ABCX-", rnd.nextInt(30), true);
                boolean marker = false;
                boolean word = false;
                int state = 0;
                for (int i = 0; i < text.length(); i++) {
                    int e = a.next(state, text.charAt(i));
                    state = e & FoldedAutomaton.STATE;
                    marker |= (e & FoldedAutomaton.MARKER) != 0;
                    word |= (e & FoldedAutomaton.WORD) != 0;
                }
                String lower = text.toLowerCase(Locale.ROOT);
                assertEquals(containsAny(lower, sets[0]), marker, text + " " + List.of(sets[0]));
                assertEquals(containsAny(lower, sets[1]), word, text + " " + List.of(sets[1]));
            }
        }
    }

    /** The placeholder test as written first, for ASCII values: a lower-cased copy searched for each marker. */
    private static boolean plainIsPlaceholder(String v) {
        if (v.isEmpty()) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (containsAny(lower, MARKERS) || AcceptChecksTest.plainHasPlaceholderWord(v) || SELF_NAMES.contains(lower)) {
            return true;
        }
        // random values are never one of the two published emulator keys (checked by the exact path's test)
        if (Placeholders.oneCharRepeated(v) || Placeholders.countingRun(v)
                || AcceptChecksTest.plainWholeVariablePartIsRun(v) || AcceptChecksTest.plainRepeatedUnit(v)) {
            return true;
        }
        return Placeholders.ENV_REFERENCE.matcher(v).matches();
    }

    private static String randomValue(Random rnd) {
        StringBuilder b = new StringBuilder();
        switch (rnd.nextInt(4)) {
            case 0 -> b.append(randomText(rnd, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789", 8 + rnd.nextInt(40), false));
            case 1 -> {
                String unit = PIECES[rnd.nextInt(PIECES.length)];
                b.append(unit.repeat(1 + rnd.nextInt(5)));
            }
            default -> {
                for (int k = rnd.nextInt(6); k >= 0; k--) {
                    b.append(rnd.nextInt(3) == 0 ? randomText(rnd, "aZ9q-_.", 1 + rnd.nextInt(4), false)
                            : PIECES[rnd.nextInt(PIECES.length)]);
                }
            }
        }
        if (rnd.nextInt(5) == 0 && b.length() > 0) {
            b.setCharAt(rnd.nextInt(b.length()), "-_. Xx9\u00E9".charAt(rnd.nextInt(8)));
        }
        return b.toString();
    }

    private static String randomText(Random rnd, String alphabet, int len, boolean anyCase) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
            b.append(anyCase && rnd.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    private static boolean containsAny(String lower, String[] literals) {
        for (String m : literals) {
            if (lower.contains(m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String v) {
        return v.chars().allMatch(c -> c < 128);
    }
}
