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
        Scratch scratch = Scratch.get();
        int[] gs = scratch.groupStart;
        int[] ge = scratch.groupEnd;
        char[] sepAfter = scratch.sepAfter;
        int i = 0;
        int charged = 0;
        while (i < n) {
            if (i - charged >= 4096) {
                text.charge(i - charged);
                charged = i;
            }
            if (!Chars.isDigit(s.charAt(i))) {
                int d = text.nextDigit(i);
                i = d < 0 ? n : d;
                continue;
            }
            // digit groups joined by single separators; a run glued to a word is skipped whole
            if (Chars.wordAt(s, i - 1)) {
                i = text.wordEnd(i);
                continue;
            }
            boolean glued = i >= 2 && ".-".indexOf(s.charAt(i - 1)) >= 0 && Chars.wordAt(s, i - 2);
            int groups = 0;
            int p = i;
            while (groups < gs.length) {
                gs[groups] = p;
                while (p < n && Chars.isDigit(s.charAt(p))) {
                    p++;
                }
                ge[groups] = p;
                char c = p < n ? s.charAt(p) : 0;
                boolean joins = (c == '-' || c == ' ' || c == '.') && Chars.digitAt(s, p + 1);
                sepAfter[groups] = joins ? c : 0;
                groups++;
                if (!joins) {
                    break;
                }
                p++;
            }
            text.charge(2L * (p - i) + 16L * groups);
            i = p;
            if (glued || Chars.wordAt(s, p) || (p + 1 < n && ".-/".indexOf(s.charAt(p)) >= 0 && Chars.wordAt(s, p + 1))) {
                continue;
            }
            for (int g = 0; g < groups; g++) {
                char before = g > 0 ? sepAfter[g - 1] : 0;
                int l0 = ge[g] - gs[g];
                // AAA-GG-SSSS (one separator kind, not continuing a longer number with that separator)
                if (l0 == 3 && g + 2 < groups && ge[g + 1] - gs[g + 1] == 2 && ge[g + 2] - gs[g + 2] == 4
                        && sepAfter[g] == sepAfter[g + 1] && before != sepAfter[g] && sepAfter[g + 2] != sepAfter[g]) {
                    report(text, s, gs[g], ge[g + 2], true, sepAfter[g], sink);
                    g += 2;
                    continue;
                }
                // 078051121, 078-051121, 07805-1121: only after a cue word
                boolean undelimited = l0 == 9 && before != '-' && before != '.' && sepAfter[g] != '-' && sepAfter[g] != '.';
                boolean half = g + 1 < groups && sepAfter[g] == '-' && before != '-' && sepAfter[g + 1] != '-'
                        && ((l0 == 3 && ge[g + 1] - gs[g + 1] == 6) || (l0 == 5 && ge[g + 1] - gs[g + 1] == 4));
                if (undelimited) {
                    report(text, s, gs[g], ge[g], false, (char) 0, sink);
                } else if (half) {
                    report(text, s, gs[g], ge[g + 1], false, '-', sink);
                    g++;
                }
            }
        }
        text.charge(Math.max(0, n - charged));
    }

    private void report(ScanText text, String s, int start, int end, boolean printed, char sep, FindingSink sink) {
        char[] d = Scratch.get().chars;
        int k = 0;
        for (int i = start; i < end && k < 9; i++) {
            if (Chars.isDigit(s.charAt(i))) {
                d[k++] = s.charAt(i);
            }
        }
        if (k != 9 || !issuable(d)) {
            return;
        }
        if (printed) {
            sink.add(start, end, TYPE, id(), sep == '-' ? 0.85 : 0.6);
        } else if (CUES.before(text, start)) {
            sink.add(start, end, TYPE, id(), 0.5);
        }
    }

    /** Could the SSA have issued this number (the first nine chars of {@code d})? */
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
        return !same(d, "078051120") && !same(d, "219099999") && !same(d, "123456789");
    }

    private static boolean same(char[] d, String digits) {
        for (int k = 0; k < 9; k++) {
            if (d[k] != digits.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
