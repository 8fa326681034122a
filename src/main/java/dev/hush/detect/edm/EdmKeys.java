package dev.hush.detect.edm;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import dev.hush.detect.WordTokens;
import java.util.Set;

/**
 * The canonical form of a value, the same on the index side (CSV cells) and the prompt side (candidate
 * token runs), so that matching is exact after normalisation:
 * <ul>
 * <li>text is taken through {@link ScanText} (NFKC, escapes decoded), lower-cased, cut into {@link WordTokens},
 *     and the tokens are concatenated without separators: case, spacing and punctuation do not matter,
 *     {@code John.Smith@Example.com} and {@code john smith example com} are the same key;</li>
 * <li>a value of digits only (phones, cards, account numbers) loses its formatting, an international prefix
 *     ({@code +} or {@code 00}) with its calling code, and one trunk {@code 0}, so {@code +44 (0)20 7946 0958},
 *     {@code 020 7946 0958} and {@code 0044 20 7946 0958} are one key; the prompt side also tries the forms with
 *     and without a calling code, since a CSV and a person rarely write a phone number alike.</li>
 * </ul>
 */
public final class EdmKeys {
    /** Keys shorter than this are not indexed and not looked up: they would match everywhere. */
    public static final int MIN_KEY_LENGTH = 3;
    /** A unique column matches alone only for keys at least this long; shorter ones count as ordinary fields. */
    public static final int MIN_UNIQUE_LENGTH = 6;
    /** Values with more word tokens than this are not indexed (long free text is a fingerprint's job). */
    public static final int MAX_TOKENS = 12;
    /** Values with a longer key than this are not indexed. */
    public static final int MAX_KEY_LENGTH = 128;
    /** Placeholders that mean "no value" in exports; never evidence of a record. */
    private static final Set<String> PLACEHOLDERS = Set.of("null", "none", "nil", "unknown", "true", "false",
            "yes", "undefined", "test", "n/a", "tbd", "000", "0000", "nan");

    private static final boolean[] CALLING_CODE = new boolean[1000];

    static {
        for (int code : PhoneNumberUtil.getInstance().getSupportedCallingCodes()) {
            if (code > 0 && code < 1000) {
                CALLING_CODE[code] = true;
            }
        }
    }

    private EdmKeys() {
    }

    /**
     * A cell's key, its token count, and its first token when a prompt must join words to find it
     * (the prompt side only tries multi-word candidates that start with such a token).
     */
    public record CellKey(String key, int tokens, boolean digitsOnly, String firstToken) {
    }

    public static CellKey cellKey(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        String lower = ScanText.of(cell.strip()).lower();
        WordTokens t = WordTokens.of(lower);
        int n = t.count();
        if (n == 0) {
            return null;
        }
        boolean allDigits = true;
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < n; i++) {
            allDigits &= t.digits(i);
            b.append(lower, t.start(i), t.end(i));
        }
        String key;
        if (allDigits) {
            char[] d = b.toString().toCharArray();
            boolean plus = t.start(0) > 0 && lower.charAt(t.start(0) - 1) == '+';
            int from = digitKeyStart(d, d.length, plus);
            key = new String(d, from, d.length - from);
        } else {
            key = b.toString();
        }
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH || (!allDigits && n > MAX_TOKENS)
                || PLACEHOLDERS.contains(key) || PLACEHOLDERS.contains(lower.strip())) {
            return null;
        }
        String first = allDigits || n < 2 ? null : lower.substring(t.start(0), t.end(0));
        return new CellKey(key, n, allDigits, first);
    }

    /**
     * Where the canonical key of a digit string begins: after an international prefix and calling code
     * ({@code plus}, or {@code 00} followed by at least ten digits), then after one trunk {@code 0} when at
     * least seven digits stay. Only prefixes are removed, so the key is a suffix of the digits.
     */
    public static int digitKeyStart(char[] d, int len, boolean plus) {
        return digitKeyStart(d, 0, len, plus);
    }

    /** As {@link #digitKeyStart(char[], int, boolean)} for the digits {@code d[from, len)}. */
    public static int digitKeyStart(char[] d, int from, int len, boolean plus) {
        if (plus) {
            from = afterCallingCode(d, from, len);
        } else if (len - from >= 12 && d[from] == '0' && d[from + 1] == '0') {
            from = afterCallingCode(d, from + 2, len);
        }
        if (len - from >= 8 && d[from] == '0') {
            from++;
        }
        return from;
    }

    /** Calling codes are a prefix code (E.164), so the first match of length 1 to 3 is the only one. */
    private static int afterCallingCode(char[] d, int from, int len) {
        int code = 0;
        for (int k = 0; k < 3 && from + k < len - 6; k++) {
            code = code * 10 + (d[from + k] - '0');
            if (CALLING_CODE[code]) {
                return from + k + 1;
            }
        }
        return from;
    }

    public static long hash(SipHash sip, String key) {
        return sip.hash(key);
    }
}
