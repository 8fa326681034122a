package dev.hush.detect;

import java.text.Normalizer;

/**
 * A text prepared for scanning: the original, and a normalised view in which evasion tricks are undone
 * (Unicode NFKC, zero-width and soft-hyphen characters removed, JSON {@code \\uXXXX}/{@code \\n}-style
 * escapes and URL {@code %XX} escapes decoded), with a map from every normalised character back to the
 * original characters it came from. Plain ASCII text without escapes (the common case) is its own
 * normalised view and costs no copy and no map.
 */
public final class ScanText {
    private final String original;
    private final String normalized;
    /** For normalised char j: the original range [srcStart[j], srcEnd[j]); null when identity. */
    private final int[] srcStart;
    private final int[] srcEnd;
    private String lower;

    private ScanText(String original, String normalized, int[] srcStart, int[] srcEnd) {
        this.original = original;
        this.normalized = normalized;
        this.srcStart = srcStart;
        this.srcEnd = srcEnd;
    }

    public static ScanText of(String text) {
        if (!needsNormalising(text)) {
            return new ScanText(text, text, null, null);
        }
        return normalise(text);
    }

    public String original() {
        return original;
    }

    public String normalized() {
        return normalized;
    }

    /** The normalised view lower-cased char by char (same length, same offsets). */
    public String lower() {
        String l = lower;
        if (l == null) {
            l = lowerSameLength(normalized);
            lower = l;
        }
        return l;
    }

    public boolean isIdentity() {
        return srcStart == null;
    }

    /** Original offset where the normalised char at {@code start} begins. */
    public int originalStart(int start) {
        if (srcStart == null) {
            return start;
        }
        return start >= srcStart.length ? original.length() : srcStart[start];
    }

    /** Original offset (exclusive) where the normalised range ending at {@code end} (exclusive) ends. */
    public int originalEnd(int end) {
        if (srcEnd == null) {
            return end;
        }
        return end <= 0 ? (srcStart.length == 0 ? 0 : srcStart[0]) : srcEnd[end - 1];
    }

    /**
     * BMP characters that normalisation leaves as they are (NFKC-stable on their own, visible, not a
     * surrogate of the mathematical-alphanumerics block): most accented letters, CJK, curly quotes.
     * Built once; lets most non-ASCII prompts skip the copy.
     */
    private static final java.util.BitSet STABLE = stableChars();

    private static java.util.BitSet stableChars() {
        java.util.BitSet b = new java.util.BitSet(0x10000);
        for (int c = 0x80; c < 0x10000; c++) {
            if (c >= 0xD800 && c <= 0xDFFF) {
                // surrogates: stable except U+1D400..U+1D7FF (high surrogate D835), letters an attacker can fold
                if (c != 0xD835) {
                    b.set(c);
                }
                continue;
            }
            String one = String.valueOf((char) c);
            if (!isInvisible(c) && Normalizer.isNormalized(one, Normalizer.Form.NFKC)) {
                b.set(c);
            }
        }
        return b;
    }

    private static boolean needsNormalising(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '\\' ? i + 1 < n && isEscapeLetter(s.charAt(i + 1))
                        : c == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                    return true;
                }
            } else if (!STABLE.get(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEscapeLetter(char e) {
        return e == 'n' || e == 'r' || e == 't' || e == '"' || e == '\'' || e == '/' || e == '\\' || e == 'u';
    }

    static boolean isInvisible(int cp) {
        return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064)
                || cp == 0xFEFF || cp == 0x180E || cp == 0x034F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static ScanText normalise(String s) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 8];
        int[] ends = new int[n + 8];
        int j = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int from = i;
            int cp;
            if (c == '\\' && i + 1 < n) {
                int[] dec = decodeBackslash(s, i);
                if (dec != null) {
                    cp = dec[0];
                    i = dec[1];
                } else {
                    cp = c;
                    i++;
                }
            } else if (c == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (v >= 0x20 && v < 0x7F) {
                    cp = v;
                    i += 3;
                } else {
                    cp = c;
                    i++;
                }
            } else {
                cp = s.codePointAt(i);
                i += Character.charCount(cp);
            }
            if (cp < 0x80 || (cp < 0x10000 && STABLE.get(cp))) {
                if (j + 1 > starts.length) {
                    starts = grow(starts);
                    ends = grow(ends);
                }
                out.append((char) cp);
                starts[j] = from;
                ends[j] = i;
                j++;
                continue;
            }
            if (isInvisible(cp)) {
                continue;
            }
            String mapped = Character.toString(cp);
            if (!Normalizer.isNormalized(mapped, Normalizer.Form.NFKC)) {
                mapped = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
            }
            for (int k = 0; k < mapped.length(); k++) {
                if (j + 1 > starts.length) {
                    starts = grow(starts);
                    ends = grow(ends);
                }
                out.append(mapped.charAt(k));
                starts[j] = from;
                ends[j] = i;
                j++;
            }
        }
        return new ScanText(s, out.toString(), trim(starts, j), trim(ends, j));
    }

    /** Decodes a JSON-style escape at {@code i}; returns {codePoint, nextIndex} or null when not an escape. */
    private static int[] decodeBackslash(String s, int i) {
        char e = s.charAt(i + 1);
        switch (e) {
            case 'n':
                return new int[] {'\n', i + 2};
            case 'r':
                return new int[] {'\r', i + 2};
            case 't':
                return new int[] {'\t', i + 2};
            case '"':
            case '\'':
            case '/':
            case '\\':
                return new int[] {e, i + 2};
            case 'u':
                if (i + 6 <= s.length()) {
                    int v = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int h = hex(s.charAt(k));
                        if (h < 0) {
                            return null;
                        }
                        v = v * 16 + h;
                    }
                    return new int[] {v, i + 6};
                }
                return null;
            default:
                return null;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int[] grow(int[] a) {
        int[] b = new int[a.length * 2 + 8];
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }

    private static int[] trim(int[] a, int len) {
        if (a.length == len) {
            return a;
        }
        int[] b = new int[len];
        System.arraycopy(a, 0, b, 0, len);
        return b;
    }

    static String lowerSameLength(String s) {
        char[] chars = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            char l;
            if (c < 0x80) {
                l = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
            } else {
                l = Character.toLowerCase(c);
            }
            if (l != c) {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = l;
            }
        }
        return chars == null ? s : new String(chars);
    }
}
