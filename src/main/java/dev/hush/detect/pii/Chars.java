package dev.hush.detect.pii;

/** Character classes shared by the PII detectors; ASCII fast paths, Unicode where it matters. */
final class Chars {
    private Chars() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    static boolean isHex(char c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    /** A character that glues onto a token: letters and digits of any script, and '_'. */
    static boolean isWordChar(char c) {
        if (c < 0x80) {
            return isDigit(c) || isAsciiLetter(c) || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    /** Word char at {@code i}, false outside the text. */
    static boolean wordAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isWordChar(s.charAt(i));
    }

    static boolean digitAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isDigit(s.charAt(i));
    }

    /**
     * {@code s.indexOf(ch, from)}, charging the characters it passed to the scan budget.
     */
    static int indexOf(dev.hush.detect.ScanText text, String s, char ch, int from) {
        // String.indexOf is vectorised; what it passed over is charged right after (gigabytes a second)
        int k = s.indexOf(ch, from);
        text.charge((k < 0 ? s.length() : k + 1) - Math.min(from, s.length()));
        return k;
    }

    static char at(CharSequence s, int i) {
        return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
    }
}
