package dev.hush.detect.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.List;

/**
 * Phone numbers, parsed by Google's libphonenumber ({@link PhoneNumberUtil#findNumbers}) with the
 * configured default region for national formats. libphonenumber is slow, so a cheap char scan first
 * picks candidate runs (digits joined by single separators, 7 to 17 digits, not glued to letters, not a
 * date, IP address or part of a longer number), and only those are parsed.
 *
 * <p>Leniency is {@link Leniency#POSSIBLE}: real prompts carry numbers from ranges that are not (yet)
 * assigned, and VALID would drop a quarter of them. Precision comes from the shape instead:
 * <ul>
 *   <li>international ({@code +44 20 7946 0958}, or the region's IDD prefix): a possible number of its country;</li>
 *   <li>national with separators ({@code (415) 555-0132}, {@code 030 1234567}): the grouping must be the
 *       one libphonenumber formats for that number, so random grouped digits are not phones;</li>
 *   <li>undelimited ({@code 4155550132}): only after a cue word such as "phone", "call" or "mobile".</li>
 * </ul>
 * Local-only numbers (seven digits in the US) are not reported.
 */
public final class PhoneDetector implements Detector {
    public static final String TYPE = "PII.PHONE";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final ContextWords CUES = new ContextWords(40, List.of("phone", "phones", "tel", "telephone",
            "mobile", "cell", "cellphone", "call", "fax", "whatsapp", "sms", "text", "contact", "reach", "dial",
            "ring", "handy", "telefon", "téléphone", "teléfono", "telefono", "cep", "portable", "móvil", "hotline"));

    private final String region;

    public PhoneDetector(String region) {
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unsupported phone region " + region);
        }
        this.region = region;
    }

    @Override
    public String id() {
        return "pii.phone";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            boolean plus = c == '+' && i + 1 < n && (Chars.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '(');
            boolean paren = c == '(' && Chars.digitAt(s, i + 1);
            if (!Chars.isDigit(c) && !plus && !paren) {
                i++;
                continue;
            }
            if (Chars.wordAt(s, i - 1) || (i > 0 && (s.charAt(i - 1) == '+' || s.charAt(i - 1) == '.'))) {
                i = skipToken(s, i);
                continue;
            }
            int end = runEnd(s, i + ((plus || paren) ? 1 : 0));
            int next = end;
            if (end > 0 && !Chars.wordAt(s, end)) {
                check(text, s, i, end, plus, sink);
            }
            i = Math.max(i + 1, skipToken(s, Math.max(next, i + 1)));
        }
    }

    private static int skipToken(String s, int i) {
        int n = s.length();
        while (i < n && (Chars.isWordChar(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static boolean isSep(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0';
    }

    /**
     * End of the run of digits joined by at most two separator chars (")-", ") ") starting at {@code p}, or
     * -1 when it is not phone-sized. A '+' ends the run: it starts the next number.
     */
    private static int runEnd(String s, int p) {
        int n = s.length();
        int digits = 0;
        int last = -1;
        while (p < n) {
            char c = s.charAt(p);
            if (Chars.isDigit(c)) {
                digits++;
                p++;
                last = p;
                continue;
            }
            if (!isSep(c) || last < 0) {
                break;
            }
            int q = p;
            while (q < n && q - p < 2 && isSep(s.charAt(q))) {
                q++;
            }
            if (q - p == 2 && s.charAt(p) == s.charAt(p + 1)) {
                break; // "  " or "--": a gap, not a separator
            }
            if (q < n && Chars.isDigit(s.charAt(q))) {
                p = q;
                continue;
            }
            break;
        }
        return digits >= 7 && digits <= 17 ? last : -1;
    }

    private void check(ScanText text, String s, int start, int end, boolean plus, FindingSink sink) {
        String run = s.substring(start, end);
        if (looksLikeOtherNumber(run)) {
            return;
        }
        for (PhoneNumberMatch m : UTIL.findNumbers(run, region, Leniency.POSSIBLE, 4)) {
            if (m.end() != run.length() || (m.start() != 0 && !(m.start() == 1 && run.charAt(0) == '('))) {
                continue; // a part of a longer number is not a phone number
            }
            PhoneNumber num = m.number();
            ValidationResult possible = UTIL.isPossibleNumberWithReason(num);
            if (possible != ValidationResult.IS_POSSIBLE) {
                continue;
            }
            boolean international = plus
                    || num.getCountryCodeSource() == PhoneNumber.CountryCodeSource.FROM_NUMBER_WITH_IDD
                    || num.getCountryCodeSource() == PhoneNumber.CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN;
            boolean valid = UTIL.isValidNumber(num);
            if (international) {
                sink.add(start, end, TYPE, id(), valid ? 0.85 : 0.6);
            } else if (groupingMatches(run, num)) {
                sink.add(start, end, TYPE, id(), valid ? 0.8 : 0.55);
            } else if (!hasSeparator(run) && CUES.before(text.lower(), start)) {
                sink.add(start, end, TYPE, id(), valid ? 0.6 : 0.4);
            }
            return;
        }
    }

    private static boolean hasSeparator(String run) {
        for (int k = 0; k < run.length(); k++) {
            if (!Chars.isDigit(run.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** Dates (2024-01-31, 31.01.2024, 01/31/2024), dotted quads and decimals are never phone numbers. */
    static boolean looksLikeOtherNumber(String run) {
        int[] len = new int[6];
        char[] sep = new char[5];
        int groups = 0;
        int g = 0;
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            if (Chars.isDigit(c)) {
                g++;
            } else if (g > 0) {
                if (groups < 5) {
                    len[groups] = g;
                    sep[groups] = c;
                }
                groups++;
                g = 0;
            }
        }
        if (g > 0) {
            if (groups < 6) {
                len[groups] = g;
            }
            groups++;
        }
        if (groups >= 3) {
            boolean dateSep = sep[0] == sep[1] && (sep[0] == '-' || sep[0] == '.' || sep[0] == '/');
            if (dateSep && len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
                return true; // 2024-01-31 ...
            }
            if (dateSep && len[0] <= 2 && len[1] <= 2 && len[2] == 4) {
                return true; // 31.01.2024 ...
            }
        }
        if (groups == 4 && sep[0] == '.' && sep[1] == '.' && sep[2] == '.' && len[0] <= 3 && len[1] <= 3
                && len[2] <= 3 && len[3] <= 3) {
            return true; // 10.1.20.200
        }
        return false;
    }

    /**
     * Does the writer's digit grouping match libphonenumber's national format for the number? Compared
     * from the end, so a leading trunk or country prefix ("1-800-...", "020" vs "20") does not matter.
     */
    static boolean groupingMatches(String run, PhoneNumber num) {
        String formatted = UTIL.format(num, PhoneNumberFormat.NATIONAL);
        long raw = boundariesFromEnd(run);
        long fmt = boundariesFromEnd(formatted);
        int rawDigits = digitCount(run);
        int fmtDigits = digitCount(formatted);
        int common = Math.min(rawDigits, fmtDigits);
        long mask = (1L << common) - 1; // boundaries strictly inside the common tail
        mask &= ~1L;
        long r = raw & mask;
        long f = fmt & mask;
        return r != 0 && r == f;
    }

    /** Bit k set when a group boundary sits k digits before the end. */
    private static long boundariesFromEnd(String s) {
        long bits = 0;
        int fromEnd = 0;
        boolean inGroup = false;
        for (int k = s.length() - 1; k >= 0; k--) {
            char c = s.charAt(k);
            if (Chars.isDigit(c)) {
                fromEnd++;
                inGroup = true;
            } else if (inGroup) {
                if (fromEnd < 63) {
                    bits |= 1L << fromEnd;
                }
                inGroup = false;
            }
        }
        return bits;
    }

    private static int digitCount(String s) {
        int d = 0;
        for (int k = 0; k < s.length(); k++) {
            if (Chars.isDigit(s.charAt(k))) {
                d++;
            }
        }
        return d;
    }

    /** Parses one number for tests and tools; null when libphonenumber cannot. */
    PhoneNumber parse(String number) {
        try {
            return UTIL.parse(number, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
