package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.List;

/**
 * US social security numbers. The printed form AAA-GG-SSSS (or with spaces or dots, one kind of separator)
 * is reported on its own; nine digits written undelimited or half-delimited (078051121, 078-051121) are
 * ambiguous and need a cue word before them ("SSN", "social security"). Every form must be a number the
 * SSA could issue: area not 000, 666 or 900-999, group not 00, serial not 0000, not a single repeated
 * digit, and not one of the famous examples (078-05-1120 from the Woolworth wallet card, 219-09-9999 from
 * an SSA leaflet, 123-45-6789 used in every form sample).
 */
public final class UsSsnDetector implements Detector {
    public static final String TYPE = "PII.US_SSN";
    private static final ContextWords CUES = new ContextWords(40,
            List.of("ssn", "ssns", "ss#", "ss #", "social security", "soc sec", "social sec", "ssn#", "ss no"));

    @Override
    public String id() {
        return "pii.us_ssn";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int n = s.length();
        int i = 0;
        char[] d = new char[9];
        while (i < n) {
            if (!Chars.isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            // the whole run of digits and single separators, so a part of a longer number is never taken
            int p = i;
            int digits = 0;
            int seps = 0;
            char sep = 0;
            boolean mixed = false;
            int[] groupLen = new int[4];
            int groups = 0;
            int g = 0;
            while (p < n) {
                char c = s.charAt(p);
                if (Chars.isDigit(c)) {
                    if (digits < 9) {
                        d[digits] = c;
                    }
                    digits++;
                    g++;
                    p++;
                } else if ((c == '-' || c == ' ' || c == '.') && Chars.digitAt(s, p + 1) && seps < 3) {
                    if (groups < 4) {
                        groupLen[groups] = g;
                    }
                    groups++;
                    g = 0;
                    if (sep != 0 && sep != c) {
                        mixed = true;
                    }
                    sep = c;
                    seps++;
                    p++;
                } else {
                    break;
                }
            }
            if (groups < 4) {
                groupLen[groups] = g;
            }
            groups++;
            i = p;
            boolean glued = Chars.wordAt(s, start - 1) || Chars.wordAt(s, p)
                    || (start >= 2 && ".-".indexOf(s.charAt(start - 1)) >= 0 && Chars.isDigit(s.charAt(start - 2)))
                    || (p + 1 < n && ".-/".indexOf(s.charAt(p)) >= 0 && Chars.isDigit(s.charAt(p + 1)));
            if (digits != 9 || mixed || glued || !issuable(d)) {
                continue;
            }
            boolean printed = groups == 3 && groupLen[0] == 3 && groupLen[1] == 2 && groupLen[2] == 4;
            if (printed) {
                sink.add(start, p, TYPE, id(), sep == '-' ? 0.85 : 0.6);
            } else if ((groups == 1 || (groups == 2 && sep == '-')) && CUES.before(text.lower(), start)) {
                sink.add(start, p, TYPE, id(), 0.5);
            }
        }
    }

    /** Could the SSA have issued this number? */
    static boolean issuable(char[] d) {
        int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
        int group = (d[3] - '0') * 10 + (d[4] - '0');
        int serial = (d[5] - '0') * 1000 + (d[6] - '0') * 100 + (d[7] - '0') * 10 + (d[8] - '0');
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        boolean same = true;
        for (int k = 1; k < 9; k++) {
            same &= d[k] == d[0];
        }
        if (same) {
            return false;
        }
        String all = new String(d);
        return !all.equals("078051120") && !all.equals("219099999") && !all.equals("123456789");
    }
}
