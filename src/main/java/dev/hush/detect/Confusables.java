package dev.hush.detect;

import com.ibm.icu.text.SpoofChecker;
import java.lang.Character.UnicodeScript;
import java.util.HashMap;
import java.util.Map;

/**
 * Look-alike letters and digits of other scripts (Cyrillic {@code а}, Greek {@code Ο}, Cherokee, Armenian,
 * Coptic, Latin small capitals, ...) mapped to the ASCII letter or digit with the same Unicode TR39
 * confusable skeleton, as computed by ICU4J's {@link SpoofChecker} (no hand-written table). Where several
 * ASCII characters share a skeleton ({@code I}, {@code l} and {@code 1}), the one of the same letter case
 * is chosen. Built once, on first use, for the BMP.
 */
final class Confusables {
    private static final char[] TABLE = build();

    private Confusables() {
    }

    /** The ASCII look-alike of a non-ASCII BMP char, or 0. */
    static char asciiFor(char c) {
        return TABLE[c];
    }

    private static char[] build() {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        Map<String, StringBuilder> asciiBySkeleton = new HashMap<>();
        for (char a = '0'; a <= 'z'; a++) {
            if (Character.isLetterOrDigit(a)) {
                asciiBySkeleton.computeIfAbsent(checker.getSkeleton(String.valueOf(a)), k -> new StringBuilder()).append(a);
            }
        }
        char[] t = new char[0x10000];
        for (int c = 0x80; c < 0x10000; c++) {
            if (!Character.isLetterOrDigit(c) || skipScript(c)) {
                continue;
            }
            StringBuilder candidates = asciiBySkeleton.get(checker.getSkeleton(String.valueOf((char) c)));
            if (candidates != null) {
                t[c] = pick(candidates, (char) c);
            }
        }
        return t;
    }

    /** Scripts with no ASCII look-alikes worth the lookup (and most of the BMP). */
    private static boolean skipScript(int c) {
        UnicodeScript s = UnicodeScript.of(c);
        return s == UnicodeScript.HAN || s == UnicodeScript.HANGUL || s == UnicodeScript.HIRAGANA
                || s == UnicodeScript.KATAKANA || s == UnicodeScript.YI;
    }

    private static char pick(CharSequence candidates, char c) {
        boolean upper = Character.isUpperCase(c);
        boolean lower = Character.isLowerCase(c);
        boolean digit = Character.isDigit(c);
        char any = 0;
        for (int k = 0; k < candidates.length(); k++) {
            char a = candidates.charAt(k);
            if ((upper && Character.isUpperCase(a)) || (lower && Character.isLowerCase(a)) || (digit && Character.isDigit(a))) {
                return a;
            }
            if (any == 0 || (Character.isLetter(a) && !Character.isLetter(any))) {
                any = a;
            }
        }
        return any;
    }
}
