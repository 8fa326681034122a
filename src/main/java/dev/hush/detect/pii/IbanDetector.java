package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.HashMap;
import java.util.Map;

/**
 * IBANs: a country code with its registered length, two check digits, an upper-case alphanumeric BBAN,
 * and the ISO 7064 mod-97 check. Written compact or in groups of four separated by single spaces or
 * dashes (as in print and in Presidio's tests; other separators such as '/' are not accepted). Lower-case
 * letters are rejected, as banks print IBANs in upper case and lower case mostly means a random token.
 */
public final class IbanDetector implements Detector {
    public static final String TYPE = "PII.IBAN";

    /** Total IBAN length per country, from the SWIFT IBAN registry. */
    private static final Map<String, Integer> LENGTHS = new HashMap<>();
    /** The same lengths indexed by the two letters ((c0 - 'A') * 26 + c1 - 'A'); 0 for no such country. */
    private static final int[] LENGTH_BY_CODE = new int[26 * 26];

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 "
                + "IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 "
                + "MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 "
                + "SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String e : table.split(" ")) {
            LENGTHS.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
            LENGTH_BY_CODE[(e.charAt(0) - 'A') * 26 + e.charAt(1) - 'A'] = Integer.parseInt(e.substring(2));
        }
    }

    @Override
    public String id() {
        return "pii.iban";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int n = s.length();
        char[] buf = Scratch.get().chars;
        int charged = 0;
        // candidates start at "CCdd": two upper-case letters and two digits, not glued to a word
        for (int i = 2; i + 1 < n; i++) {
            if (i - charged >= 4096) {
                text.charge(i - charged);
                charged = i;
            }
            if (!Chars.isDigit(s.charAt(i))) {
                int d = text.nextDigit(i);
                if (d < 0) {
                    break;
                }
                i = d - 1; // the loop's i++ lands on the digit
                continue;
            }
            char c0 = s.charAt(i - 2);
            char c1 = s.charAt(i - 1);
            if (!Chars.isDigit(s.charAt(i + 1)) || c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z' || Chars.wordAt(s, i - 3)) {
                // the rest of this run of digits follows a digit, not a country code: the next candidate is
                // past it (the loop's i++ lands after the run's last digit)
                i = text.digitRunEnd(i + 1) - 1;
                continue;
            }
            int len = LENGTH_BY_CODE[(c0 - 'A') * 26 + c1 - 'A'];
            if (len == 0) {
                continue;
            }
            text.charge(2L * len);
            int end = match(s, i - 2, len, buf);
            if (end > 0) {
                sink.add(i - 2, end, TYPE, id(), 0.95);
                i = end;
            }
        }
        text.charge(Math.max(0, n - charged));
    }

    /** Reads an IBAN of {@code len} characters at {@code start}; returns its end offset, or -1. */
    private static int match(String s, int start, int len, char[] buf) {
        int n = s.length();
        int count = 0;
        int inGroup = 0;
        char sep = 0;
        int p = start;
        while (count < len) {
            if (p >= n) {
                return -1;
            }
            char c = s.charAt(p);
            if (Chars.isDigit(c) || (c >= 'A' && c <= 'Z')) {
                buf[count++] = c;
                inGroup++;
                p++;
            } else if ((c == ' ' || c == '-') && inGroup == 4 && count >= 4 && (sep == 0 || sep == c)) {
                sep = c;
                inGroup = 0;
                p++;
            } else {
                return -1;
            }
        }
        if (Chars.wordAt(s, p)) {
            return -1;
        }
        return mod97(buf, len) == 1 ? p : -1;
    }

    /** ISO 7064 MOD 97-10 over the rearranged IBAN (country and check digits moved to the end). */
    static int mod97(char[] iban, int len) {
        int rem = 0;
        for (int k = 0; k < len; k++) {
            char c = iban[(k + 4) % len];
            if (Chars.isDigit(c)) {
                rem = (rem * 10 + (c - '0')) % 97;
            } else {
                int v = c - 'A' + 10;
                rem = (rem * 100 + v) % 97;
            }
        }
        return rem;
    }

    static boolean isValid(String iban) {
        String compact = iban.replace(" ", "").replace("-", "");
        Integer len = compact.length() >= 2 ? LENGTHS.get(compact.substring(0, 2)) : null;
        if (len == null || len != compact.length()) {
            return false;
        }
        return match(compact, 0, len, new char[34]) == len;
    }
}
