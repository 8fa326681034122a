package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.Set;

/**
 * Payment card numbers: 13 to 19 digits, bare or grouped the way cards are printed (4-4-4-4[-1..3],
 * Amex 4-6-5, Diners 4-6-4) with one kind of separator (space or dash), inside a known issuer range,
 * of a length that issuer uses, and Luhn-valid. Digit runs glued to letters (hashes, IBANs, ids) are not
 * cards, and a number labelled as an order, invoice, tracking or device id is not one either.
 */
public final class PaymentCardDetector implements Detector {
    public static final String TYPE = "PII.CREDIT_CARD";
    private static final int MAX_GROUPS = 12;
    /** How often (in characters passed) the main loop reports its progress to the scan budget. */
    private static final int CHARGE_EVERY = 4096;
    /** Labels that say the number right after them is something else. */
    private static final Set<String> NOT_A_CARD = Set.of("order", "invoice", "tracking", "ticket", "ref",
            "reference", "isbn", "imei", "iccid", "imsi", "serial", "sku", "po", "shipment", "awb");

    @Override
    public String id() {
        return "pii.credit_card";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int n = s.length();
        Scratch scratch = Scratch.get();
        int[] gStart = scratch.groupStart;
        int[] gEnd = scratch.groupEnd;
        char[] digits = scratch.chars;
        int i = 0;
        int charged = 0;
        while (i < n) {
            if (i - charged >= CHARGE_EVERY) {
                text.charge(i - charged);
                charged = i;
            }
            char c = s.charAt(i);
            if (!Chars.isDigit(c)) {
                int d = text.nextDigit(i);
                i = d < 0 ? n : d;
                continue;
            }
            // digits inside a word (hash, IBAN, id) or after a decimal point: skip the whole token at once,
            // which keeps hex- and base64-heavy text cheap
            if (i > 0 && (Chars.isWordChar(s.charAt(i - 1)) || s.charAt(i - 1) == '.')) {
                i = Chars.wordOrDotEnd(text, s, i);
                continue;
            }
            int from = i;
            // a group hyphenated onto an identifier (SN-4111-...) can not start a card
            boolean glued = i > 1 && s.charAt(i - 1) == '-' && Chars.wordAt(s, i - 2) && !Chars.digitAt(s, i - 2);
            int groups = 0;
            int p = i;
            while (true) {
                int gs = p;
                while (p < n && Chars.isDigit(s.charAt(p))) {
                    p++;
                }
                gStart[groups] = gs;
                gEnd[groups] = p;
                groups++;
                if (groups < MAX_GROUPS && p + 1 < n && (s.charAt(p) == ' ' || s.charAt(p) == '-')
                        && Chars.isDigit(s.charAt(p + 1))) {
                    p++;
                    continue;
                }
                break;
            }
            int runEnd = p;
            boolean gluedAfter = runEnd < n && (Chars.isWordChar(s.charAt(runEnd))
                    || (s.charAt(runEnd) == '.' && Chars.digitAt(s, runEnd + 1)));
            int first = glued ? 1 : 0;
            int last = gluedAfter ? groups - 2 : groups - 1;
            if (first <= last) {
                // at most MAX_GROUPS^2 windows of at most 19 digits each
                text.charge(2L * (runEnd - from) + (long) (last - first + 1) * (last - first + 1) * 24);
                findInRun(s, text, gStart, gEnd, first, last, digits, sink);
            }
            i = text.wordEnd(Math.max(runEnd, i + 1));
        }
        text.charge(n - charged);
    }

    /** Emits the longest valid card windows of consecutive groups, left to right. */
    private void findInRun(String s, ScanText text, int[] gStart, int[] gEnd, int first, int last, char[] digits,
            FindingSink sink) {
        int a = first;
        while (a <= last) {
            int found = -1;
            for (int b = last; b >= a; b--) {
                if (valid(s, gStart, gEnd, a, b, digits)) {
                    found = b;
                    break;
                }
            }
            if (found < 0) {
                a++;
                continue;
            }
            int start = gStart[a];
            int end = gEnd[found];
            if (!labelledAsOther(text, start)) {
                sink.add(start, end, TYPE, id(), 0.9);
            }
            a = found + 1;
        }
    }

    private static boolean valid(String s, int[] gStart, int[] gEnd, int a, int b, char[] digits) {
        int len = 0;
        for (int g = a; g <= b; g++) {
            len += gEnd[g] - gStart[g];
            if (len > 19) {
                return false;
            }
        }
        if (len < 13) {
            return false;
        }
        if (!layoutOk(s, gStart, gEnd, a, b)) {
            return false;
        }
        int k = 0;
        for (int g = a; g <= b; g++) {
            for (int i = gStart[g]; i < gEnd[g]; i++) {
                digits[k++] = s.charAt(i);
            }
        }
        return CardIssuer.luhn(digits, len) && CardIssuer.of(digits, len) != null;
    }

    /** Bare, or printed groups: 4-4-4-4 with a last group of 1..4, or 4-6-5 / 4-6-4; one separator kind. */
    private static boolean layoutOk(String s, int[] gStart, int[] gEnd, int a, int b) {
        int count = b - a + 1;
        if (count == 1) {
            return true;
        }
        char sep = s.charAt(gEnd[a]);
        for (int g = a; g < b; g++) {
            if (s.charAt(gEnd[g]) != sep) {
                return false;
            }
        }
        if (count == 3 && gEnd[a] - gStart[a] == 4 && gEnd[a + 1] - gStart[a + 1] == 6
                && (gEnd[b] - gStart[b] == 5 || gEnd[b] - gStart[b] == 4)) {
            return true;
        }
        if (count < 4) {
            return false;
        }
        for (int g = a; g < b; g++) {
            if (gEnd[g] - gStart[g] != 4) {
                return false;
            }
        }
        int lastLen = gEnd[b] - gStart[b];
        return lastLen >= 1 && lastLen <= 4;
    }

    private boolean labelledAsOther(ScanText text, int start) {
        return ContextWords.labelledBefore(text.normalized(), start, NOT_A_CARD);
    }
}
