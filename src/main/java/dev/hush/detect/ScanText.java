package dev.hush.detect;

import java.text.Normalizer;

/**
 * A text prepared for scanning: the original, and a normalised view in which disguises are undone, with a
 * map from every normalised character back to the original characters it came from.
 *
 * <p>The view: Unicode NFKC (fullwidth and mathematical letters fold to ASCII); invisible characters
 * removed (zero-width and bidi controls, soft hyphen, every format character including the tag block
 * U+E0000, variation selectors, Hangul and Khmer fillers); every space separator as {@code ' '} and line or
 * paragraph separators as {@code '\n'}; JSON {@code \\uXXXX}/{@code \\n}-style escapes and URL {@code %XX}
 * escapes (UTF-8 sequences included) decoded; and, inside mixed-script tokens only, Cyrillic, Greek and
 * other look-alike letters replaced by the ASCII letter of the same Unicode TR39 confusable skeleton
 * ({@link Confusables}), so ordinary Russian or Greek words are left as they are.
 *
 * <p>Plain ASCII text without escapes (the common case), and text whose non-ASCII characters are all
 * stable, is its own view and costs no copy and no map.
 *
 * <p>A scan text also carries its scan's {@link ScanContext}: detectors {@link #charge} the work they do,
 * which is where the scan budget is enforced mid-text.
 */
public final class ScanText {
    private final String original;
    private final String normalized;
    /** For normalised char j: the original range [srcStart[j], srcEnd[j]); null when identity. */
    private final int[] srcStart;
    private final int[] srcEnd;
    private final ScanContext context;
    /** Positions in the view of spaces and newlines that were NBSP-like or line separators; null if none. */
    private final int[] softBreaks;
    private String lower;
    /** Bit i set when view char i is an ASCII digit; built on first use, shared by the digit-driven detectors. */
    private long[] digits;
    /** Bit i set when view char i is a word char ({@link #isWordChar}); built in the same pass as {@link #digits}. */
    private long[] words;

    private ScanText(String original, String normalized, int[] srcStart, int[] srcEnd, ScanContext context,
            int[] softBreaks) {
        this.original = original;
        this.normalized = normalized;
        this.srcStart = srcStart;
        this.srcEnd = srcEnd;
        this.context = context;
        this.softBreaks = softBreaks;
    }

    public static ScanText of(String text) {
        return of(text, ScanContext.unbounded());
    }

    public static ScanText of(String text, ScanContext context) {
        context.check();
        context.charge(text.length());
        if (!needsNormalising(text)) {
            return new ScanText(text, text, null, null, context, null);
        }
        context.charge(text.length());
        return normalise(text, context);
    }

    /**
     * A derived view of {@code original} (a decoded run, a joined view): {@code view} char j came from the
     * original range [starts[j], ends[j]).
     */
    static ScanText derived(String original, String view, int[] starts, int[] ends, ScanContext context) {
        return new ScanText(original, view, starts, ends, context, null);
    }

    public String original() {
        return original;
    }

    public String normalized() {
        return normalized;
    }

    public ScanContext context() {
        return context;
    }

    /** Charges {@code units} of work (characters examined) to the scan; stops it when over budget. */
    public void charge(long units) {
        context.charge(units);
    }

    /**
     * Charges {@code units} in steps of a few thousand, so a scan over budget stops within one check interval
     * of where it should have, even when one search or pass covered many more characters at once.
     */
    public void chargeInSteps(long units) {
        while (units > CHARGE_STEP) {
            context.charge(CHARGE_STEP);
            units -= CHARGE_STEP;
        }
        context.charge(units);
    }

    private static final int CHARGE_STEP = 4096;

    /** The normalised view lower-cased char by char (same length, same offsets). */
    public String lower() {
        String l = lower;
        if (l == null) {
            context.charge(normalized.length());
            l = lowerSameLength(normalized);
            lower = l;
        }
        return l;
    }

    /**
     * The first position at or after {@code from} whose view char is an ASCII digit, or -1. The detectors of
     * numbers (cards, SSNs, phones, IBANs) jump from candidate to candidate with it instead of each reading
     * every char: the view is read once, into a bit set, on the first call.
     */
    public int nextDigit(int from) {
        long[] bits = digits;
        if (bits == null) {
            bits = buildBits();
        }
        if (from < 0) {
            from = 0;
        }
        int w = from >> 6;
        if (w >= bits.length) {
            return -1;
        }
        long word = bits[w] & (-1L << from);
        while (word == 0) {
            if (++w == bits.length) {
                return -1;
            }
            word = bits[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    /**
     * The first position at or after {@code from} whose view char is not a word char ({@link #isWordChar}), or the
     * view's length: where a token a detector passes over ends, found with the bit set {@link #nextDigit} reads
     * (both are built in one pass) instead of each detector reading the token char by char.
     */
    public int wordEnd(int from) {
        long[] bits = words;
        if (bits == null) {
            buildBits();
            bits = words;
        }
        return nextClear(bits, from, normalized.length());
    }

    /** A char that glues onto a token: ASCII letters, digits and '_', and letters and digits of any script. */
    public static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    private static final byte DIGIT = 1;
    private static final byte WORD = 2;
    /** Per ASCII char: {@link #DIGIT} and/or {@link #WORD}, so building the bit sets needs no branch per char. */
    private static final byte[] ASCII_CLASS = new byte[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_CLASS[c] = (byte) ((c >= '0' && c <= '9' ? DIGIT : 0) | (isWordChar(c) ? WORD : 0));
        }
    }

    /**
     * The first position at or after {@code from} whose view char is not an ASCII digit, or the view's length:
     * the end of a run of digits.
     */
    public int digitRunEnd(int from) {
        long[] bits = digits;
        if (bits == null) {
            bits = buildBits();
        }
        return nextClear(bits, from, normalized.length());
    }

    /** The first clear bit at or after {@code from} (bits past {@code n} count as clear), at most {@code n}. */
    private static int nextClear(long[] bits, int from, int n) {
        if (from < 0) {
            from = 0;
        }
        int w = from >> 6;
        if (w >= bits.length) {
            return n;
        }
        long word = ~bits[w] & (-1L << from);
        while (word == 0) {
            if (++w == bits.length) {
                return n;
            }
            word = ~bits[w];
        }
        return Math.min(n, (w << 6) + Long.numberOfTrailingZeros(word));
    }

    /**
     * Reads the view once into the digit and word-char bit sets; returns the digit bits. The view is copied in
     * blocks into a per-thread char buffer ({@code String.getChars}, a vectorised copy) and classified from
     * there, so the loop reads a plain array instead of calling {@code charAt} per char.
     */
    private long[] buildBits() {
        String s = normalized;
        chargeInSteps(s.length());
        int n = s.length();
        long[] digitBits = new long[(n + 63) >> 6];
        long[] wordBits = new long[digitBits.length];
        char[] buf = BITS_BUFFER.get();
        for (int block = 0; block < n; block += buf.length) {
            int blockEnd = Math.min(n, block + buf.length);
            s.getChars(block, blockEnd, buf, 0);
            for (int base = block; base < blockEnd; base += 64) {
                long digit = 0;
                long wordChar = 0;
                int end = Math.min(64, blockEnd - base);
                int off = base - block;
                for (int k = 0; k < end; k++) {
                    char c = buf[off + k];
                    int cls = c < 0x80 ? ASCII_CLASS[c] : Character.isLetterOrDigit(c) ? WORD : 0;
                    digit |= (long) (cls & DIGIT) << k;
                    wordChar |= (long) (cls >> 1) << k;
                }
                digitBits[base >> 6] = digit;
                wordBits[base >> 6] = wordChar;
            }
        }
        words = wordBits;
        digits = digitBits;
        return digitBits;
    }

    /** Per-thread block buffer of {@link #buildBits} (a multiple of 64 chars). */
    private static final ThreadLocal<char[]> BITS_BUFFER = ThreadLocal.withInitial(() -> new char[4096]);

    /**
     * Sorted positions in the view of the spaces and newlines that were written as NBSP-like spaces or line
     * separators (which inside a token are a disguise, see {@link JoinedView}); null when there are none.
     */
    int[] softBreaks() {
        return softBreaks;
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

    // ------------------------------------------------------------------------------------------ tables

    /** A fixed 64 Ki-bit set without BitSet's bounds bookkeeping: one array read per lookup. */
    private static final class Stable {
        private final long[] words = new long[0x10000 >> 6];

        void set(int c) {
            words[c >> 6] |= 1L << c;
        }

        boolean get(int c) {
            return (words[c >> 6] & (1L << c)) != 0;
        }
    }

    /**
     * BMP characters that normalisation leaves as they are (NFKC-stable on their own, visible, not a
     * separator, not a surrogate of the mathematical-alphanumerics block): most accented letters, CJK,
     * Cyrillic, curly quotes. Lets most non-ASCII prompts skip the copy.
     */
    private static final Stable STABLE = new Stable();
    /** NFKC of each unstable visible BMP character on its own; null where stable or invisible. */
    private static final String[] NFKC_BMP = new String[0x10000];

    static {
        for (int c = 0x80; c < 0x10000; c++) {
            if (c >= 0xD800 && c <= 0xDFFF) {
                // surrogates: stable except U+1D400..U+1D7FF (high surrogate D835), letters an attacker can
                // fold, and U+E0000..U+E01EF (high surrogate DB40: tags and variation selectors)
                if (c != 0xD835 && c != 0xDB40) {
                    STABLE.set(c);
                }
                continue;
            }
            if (isInvisible(c) || isSeparator(c)) {
                continue;
            }
            String one = String.valueOf((char) c);
            if (Normalizer.isNormalized(one, Normalizer.Form.NFKC)) {
                STABLE.set(c);
            } else {
                NFKC_BMP[c] = Normalizer.normalize(one, Normalizer.Form.NFKC);
            }
        }
    }

    /**
     * Characters that render as nothing: format characters (zero-width, bidi, soft hyphen, word joiner,
     * BOM, the tag block), variation selectors, and the filler letters that render blank (Hangul fillers,
     * Khmer inherent vowels, the Braille blank, Mongolian free variation selectors).
     */
    static boolean isInvisible(int cp) {
        if (cp < 0xAD) {
            return false;
        }
        if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x180B && cp <= 0x180F)) {
            return true; // variation selectors
        }
        if (cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0 || cp == 0x17B4 || cp == 0x17B5
                || cp == 0x2800 || cp == 0x034F) {
            return true; // fillers, combining grapheme joiner
        }
        return Character.getType(cp) == Character.FORMAT;
    }

    /** Space separators other than ' ' (NBSP, thin and ideographic spaces...) and line/paragraph separators. */
    private static boolean isSeparator(int cp) {
        return cp == 0x0085 || cp == 0x2028 || cp == 0x2029 || (cp > 0x20 && Character.getType(cp) == Character.SPACE_SEPARATOR);
    }

    /** Characters that keep a token together for the mixed-script test (letters, digits, marks, {@code _-+/=.@%~}). */
    private static final boolean[] ASCII_TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_TOKEN[c] = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || "_-+/=.@%~".indexOf(c) >= 0;
        }
    }

    private static boolean isTokenChar(char c) {
        if (c < 0x80) {
            return ASCII_TOKEN[c];
        }
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }

    // ------------------------------------------------------------------------------------------ detection

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
            } else if (Confusables.asciiFor(c) != 0 && asciiInToken(s, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Does the token around the look-alike at {@code i} hold an ASCII letter or digit? Looks at most
     * {@link #TOKEN_REACH} chars each way, so the cost per character stays bounded (ordinary Cyrillic or
     * Greek words end long before).
     */
    private static boolean asciiInToken(String s, int i) {
        for (int k = i - 1; k >= 0 && i - k <= TOKEN_REACH && isTokenChar(s.charAt(k)); k--) {
            if (isAsciiAlnum(s.charAt(k))) {
                return true;
            }
        }
        for (int k = i + 1; k < s.length() && k - i <= TOKEN_REACH && isTokenChar(s.charAt(k)); k++) {
            if (isAsciiAlnum(s.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static final int TOKEN_REACH = 64;

    private static boolean isEscapeLetter(char e) {
        return e == 'n' || e == 'r' || e == 't' || e == '"' || e == '\'' || e == '/' || e == '\\' || e == 'u';
    }

    // ------------------------------------------------------------------------------------------ building

    private static ScanText normalise(String s, ScanContext context) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 8];
        int[] ends = new int[n + 8];
        int j = 0;
        int i = 0;
        boolean confusable = false;
        int[] soft = null;
        int softCount = 0;
        while (i < n) {
            char c = s.charAt(i);
            int from = i;
            int cp;
            long dec;
            if (c == '\\' && i + 1 < n && (dec = decodeBackslash(s, i)) >= 0) {
                cp = (int) (dec >>> 32);
                i = (int) dec;
            } else if (c == '%' && (dec = decodePercent(s, i)) >= 0) {
                cp = (int) (dec >>> 32);
                i = (int) dec;
            } else {
                cp = s.codePointAt(i);
                i += Character.charCount(cp);
            }
            String mapped = null;
            char one;
            if (cp < 0x80) {
                one = (char) cp;
            } else if (cp < 0x10000 && STABLE.get(cp)) {
                one = (char) cp;
                confusable |= Confusables.asciiFor(one) != 0;
            } else if (isInvisible(cp)) {
                continue;
            } else if (isSeparator(cp)) {
                one = Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : '\n';
                if (soft == null) {
                    soft = new int[8];
                } else if (softCount == soft.length) {
                    soft = java.util.Arrays.copyOf(soft, softCount * 2);
                }
                soft[softCount++] = j;
            } else {
                mapped = cp < 0x10000 ? NFKC_BMP[cp] : null;
                if (mapped == null) {
                    mapped = Character.toString(cp);
                    if (!Normalizer.isNormalized(mapped, Normalizer.Form.NFKC)) {
                        mapped = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
                    }
                }
                one = 0;
            }
            int count = mapped == null ? 1 : mapped.length();
            if (j + count > starts.length) {
                starts = grow(starts, j + count);
                ends = grow(ends, j + count);
            }
            if (mapped == null) {
                out.append(one);
            } else {
                out.append(mapped);
            }
            for (int k = 0; k < count; k++) {
                starts[j] = from;
                ends[j] = i;
                j++;
            }
        }
        if (confusable) {
            context.charge(out.length());
            foldMixedTokens(out);
        }
        return new ScanText(s, out.toString(), trim(starts, j), trim(ends, j), context,
                soft == null ? null : trim(soft, softCount));
    }

    /** Replaces look-alike letters by ASCII inside tokens that also hold ASCII letters or digits. */
    private static void foldMixedTokens(StringBuilder out) {
        int n = out.length();
        int i = 0;
        while (i < n) {
            if (!isTokenChar(out.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean ascii = false;
            boolean look = false;
            while (i < n && isTokenChar(out.charAt(i))) {
                char c = out.charAt(i);
                ascii |= isAsciiAlnum(c);
                look |= c >= 0x80 && Confusables.asciiFor(c) != 0;
                i++;
            }
            if (ascii && look) {
                for (int k = start; k < i; k++) {
                    char c = out.charAt(k);
                    char a = c >= 0x80 ? Confusables.asciiFor(c) : 0;
                    if (a != 0) {
                        out.setCharAt(k, a);
                    }
                }
            }
        }
    }

    /** Decodes a JSON-style escape at {@code i}: {@code codePoint << 32 | nextIndex}, or -1. */
    private static long decodeBackslash(String s, int i) {
        char e = s.charAt(i + 1);
        switch (e) {
            case 'n':
                return ((long) '\n' << 32) | (i + 2);
            case 'r':
                return ((long) '\r' << 32) | (i + 2);
            case 't':
                return ((long) '\t' << 32) | (i + 2);
            case '"':
            case '\'':
            case '/':
            case '\\':
                return ((long) e << 32) | (i + 2);
            case 'u':
                if (i + 6 <= s.length()) {
                    int v = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int h = hex(s.charAt(k));
                        if (h < 0) {
                            return -1;
                        }
                        v = v * 16 + h;
                    }
                    return ((long) v << 32) | (i + 6);
                }
                return -1;
            default:
                return -1;
        }
    }

    /**
     * Decodes a URL escape at {@code i}: a printable ASCII byte, or a whole UTF-8 sequence of escapes
     * ({@code %E2%80%8B}); {@code codePoint << 32 | nextIndex}, or -1.
     */
    private static long decodePercent(String s, int i) {
        int b = byteAt(s, i);
        if (b < 0) {
            return -1;
        }
        if (b >= 0x20 && b < 0x7F) {
            return ((long) b << 32) | (i + 3);
        }
        int more;
        int cp;
        if (b >= 0xC2 && b <= 0xDF) {
            more = 1;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            more = 2;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            more = 3;
            cp = b & 0x07;
        } else {
            return -1;
        }
        int p = i + 3;
        for (int k = 0; k < more; k++, p += 3) {
            int c = byteAt(s, p);
            if (c < 0x80 || c > 0xBF) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < 0x80 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (more == 2 && cp < 0x800)
                || (more == 3 && cp < 0x10000)) {
            return -1;
        }
        return ((long) cp << 32) | p;
    }

    /** The byte of a {@code %XX} escape at {@code i}, or -1. */
    private static int byteAt(String s, int i) {
        if (i + 2 >= s.length() || s.charAt(i) != '%') {
            return -1;
        }
        int h = hex(s.charAt(i + 1));
        int l = hex(s.charAt(i + 2));
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** The value of an ASCII hex digit, or -1 for any other char. */
    public static int hex(char c) {
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

    private static int[] grow(int[] a, int need) {
        int[] b = new int[Math.max(need, a.length * 2 + 8)];
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
