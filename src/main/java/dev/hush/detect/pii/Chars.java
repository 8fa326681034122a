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
        return dev.hush.detect.ScanText.isWordChar(c);
    }

    /**
     * The end of the token at {@code i} made of word chars and dots ("v1.2.3", "118.0.5993"): the first char at
     * or after {@code i} that is neither, found through the view's word-char bit set.
     */
    static int wordOrDotEnd(dev.hush.detect.ScanText text, String s, int i) {
        int p = text.wordEnd(i);
        while (p < s.length() && s.charAt(p) == '.') {
            p = text.wordEnd(p + 1);
        }
        return p;
    }

    /** Word char at {@code i}, false outside the text. */
    static boolean wordAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isWordChar(s.charAt(i));
    }

    static boolean digitAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && isDigit(s.charAt(i));
    }

    /**
     * {@code s.indexOf(ch, from)} (the JDK's vectorised search), charging the characters it passed to the scan
     * budget once it returns: a search costs well under a millisecond per MB, so a scan over budget stops right
     * after it.
     */
    static int indexOf(dev.hush.detect.ScanText text, String s, char ch, int from) {
        int p = Math.min(Math.max(0, from), s.length());
        int hit = s.indexOf(ch, p);
        text.chargeInSteps((hit < 0 ? s.length() : hit + 1) - p);
        return hit;
    }

    static char at(CharSequence s, int i) {
        return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
    }
}
