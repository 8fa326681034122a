package dev.hush.detect.pii;

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
 * Phone numbers, as Google's libphonenumber finds them ({@link PhoneNumberUtil#findNumbers}, answered with one
 * {@code parse} per run where that is the same, see {@link #wholeRunNumber}) with the configured default
 * region for national formats. libphonenumber is slow, so a cheap char scan first
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
    /** The most digits a phone number (with country code) has. */
    private static final int MAX_DIGITS = 17;
    /** Work charged per character handed to libphonenumber (tens of regex steps each). */
    static final int LIBPHONENUMBER_COST = 50;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final ContextWords CUES = new ContextWords(40, List.of("phone", "phones", "tel", "telephone",
            "mobile", "cell", "cellphone", "call", "fax", "whatsapp", "sms", "text", "contact", "reach", "dial",
            "ring", "handy", "telefon", "téléphone", "teléfono", "telefono", "cep", "portable", "móvil", "hotline"));

    private final String region;
    private final boolean libraryOnly;
    /** Digit counts a national-format number of the region can have, trunk prefix included. */
    private final int minNational;
    private final int maxNational;

    public PhoneDetector(String region) {
        this(region, false);
    }

    /**
     * {@code libraryOnly}: every run that gets past the cheap filters is answered by libphonenumber's matcher,
     * as before the one-parse path; for tests comparing the two.
     */
    PhoneDetector(String region, boolean libraryOnly) {
        this.libraryOnly = libraryOnly;
        if (!UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("detection.phoneRegion: libphonenumber does not know region " + region);
        }
        this.region = region;
        // the region's possible national lengths, asked of libphonenumber (its metadata is not public)
        int cc = UTIL.getCountryCodeForRegion(region);
        int min = 17;
        int max = 0;
        long nn = 0;
        for (int len = 1; len <= 17; len++) {
            nn = nn * 10 + 2;
            PhoneNumber probe = new PhoneNumber().setCountryCode(cc).setNationalNumber(nn);
            if (UTIL.isPossibleNumberWithReason(probe) == ValidationResult.IS_POSSIBLE) {
                min = Math.min(min, len);
                max = Math.max(max, len);
            }
        }
        String ndd = UTIL.getNddPrefixForRegion(region, true);
        this.minNational = max == 0 ? 7 : min;
        this.maxNational = (max == 0 ? 13 : max) + (ndd == null ? 0 : ndd.length());
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
        int charged = 0;
        while (i < n) {
            if (i - charged >= 4096) {
                text.charge(i - charged);
                charged = i;
            }
            char c = s.charAt(i);
            boolean plus = c == '+' && i + 1 < n && (Chars.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '(');
            boolean paren = c == '(' && Chars.digitAt(s, i + 1);
            if (!Chars.isDigit(c) && !plus && !paren) {
                // a number starts at a digit or at most two chars before one ("+(", "+", "("); a '+' or '('
                // with no digit after it is passed over, so the next candidate is two before the next digit
                int d = text.nextDigit(i + 1);
                if (d < 0) {
                    i = n;
                    continue;
                }
                // the loop would now step through d-2 and d-1 (the only chars before d that can start a number)
                // and stop at the first that does; tested here directly instead of one nextDigit call per step
                int j = Math.max(i + 1, d - 2);
                while (j < d && !startsNumber(s, j, n)) {
                    j++;
                }
                i = j;
                continue;
            }
            int from = i;
            // glued to a word, a decimal point, or a product/path token ("Chrome/118.0.5993.117")
            if (Chars.wordAt(s, i - 1) || (i > 0 && (s.charAt(i - 1) == '+' || s.charAt(i - 1) == '.'))
                    || (i > 1 && s.charAt(i - 1) == '/' && Chars.wordAt(s, i - 2))) {
                i = Math.max(i + 1, skipToken(text, s, i));
                text.charge(i - from);
                continue;
            }
            int end = runEnd(s, i + ((plus || paren) ? 1 : 0));
            // runEnd reads at most MAX_DIGITS + 1 digits and their separators
            text.charge(3L * (MAX_DIGITS + 2));
            int next = end;
            if (end > 0 && !Chars.wordAt(s, end)) {
                checkWithNeighbours(text, s, i, end, plus, sink);
            }
            int to = Math.max(next, i + 1);
            i = Math.max(i + 1, skipToken(text, s, to));
            text.charge(i - to + 1);
        }
        text.charge(Math.max(0, n - charged));
    }

    /** Whether a number can start at the non-digit {@code j}: "+" before a digit or "(", or "(" before a digit. */
    private static boolean startsNumber(String s, int j, int n) {
        char c = s.charAt(j);
        if (c == '+') {
            return j + 1 < n && (Chars.isDigit(s.charAt(j + 1)) || s.charAt(j + 1) == '(');
        }
        return c == '(' && Chars.digitAt(s, j + 1);
    }

    private static int skipToken(ScanText text, String s, int i) {
        return i >= s.length() ? i : Chars.wordOrDotEnd(text, s, i);
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
                if (digits == MAX_DIGITS) {
                    return -1; // too long for a phone: stop reading, so a run of digits costs linear time
                }
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
        return digits >= 7 ? last : -1;
    }

    /**
     * Checks the run; when it is not a phone as a whole, tries it without its last or (for national runs) its
     * first space-separated group, so "call 415-555-0132 2 times" and "room 12 415-555-0132" still work.
     */
    private void checkWithNeighbours(ScanText text, String s, int start, int end, boolean plus, FindingSink sink) {
        if (check(text, s, start, end, plus, sink)) {
            return;
        }
        int lastSpace = lastSpace(s, start, end);
        if (lastSpace > start && Chars.digitAt(s, lastSpace - 1)
                && check(text, s, start, lastSpace, plus, sink)) {
            return;
        }
        int firstSpace = firstSpace(s, start, end);
        if (!plus && firstSpace > 0 && firstSpace < end - 1 && Chars.digitAt(s, firstSpace - 1)
                && (Chars.digitAt(s, firstSpace + 1) || s.charAt(firstSpace + 1) == '(')) {
            check(text, s, firstSpace + 1, end, s.charAt(firstSpace + 1) == '+', sink);
        }
    }

    /** The last ' ' in [start, end), or -1 (searched inside the run only). */
    private static int lastSpace(String s, int start, int end) {
        for (int k = end - 1; k >= start; k--) {
            if (s.charAt(k) == ' ') {
                return k;
            }
        }
        return -1;
    }

    private static int firstSpace(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) == ' ') {
                return k;
            }
        }
        return -1;
    }

    private boolean check(ScanText text, String s, int start, int end, boolean plus, FindingSink sink) {
        // cheap filters first: libphonenumber costs tens of microseconds per call
        int digits = 0;
        boolean separated = false;
        for (int k = start; k < end; k++) {
            if (Chars.isDigit(s.charAt(k))) {
                digits++;
            } else {
                separated = true;
            }
        }
        boolean idd = !plus && (s.startsWith("00", start) || s.startsWith("011", start));
        if (plus || idd) {
            if (digits < 8 || digits > 17) {
                return false;
            }
        } else if (digits < minNational || digits > maxNational) {
            return false;
        } else if (!separated && !CUES.before(text, start)) {
            return false;
        }
        text.charge(2L * (end - start));
        // tested on the text itself: a date or dotted quad (most candidates in logs) costs no copy
        if (looksLikeOtherNumber(s, start, end)) {
            return false;
        }
        // libphonenumber's parser and matcher: a fixed number of regex passes over the (at most ~50-char) run
        text.charge(LIBPHONENUMBER_COST * (end - start));
        // the '+' length shortcut, asked of the text itself (no copy of a run it rules out)
        boolean paren = s.charAt(start) == '(';
        if (!paren && PlusNumberLength.certainlyNotPossible(s, start, end)) {
            return false;
        }
        String run = s.substring(start, end);
        PhoneNumber num = wholeRunNumber(run, paren);
        if (num == null) {
            return false;
        }
        boolean international = plus
                || num.getCountryCodeSource() == PhoneNumber.CountryCodeSource.FROM_NUMBER_WITH_IDD
                || num.getCountryCodeSource() == PhoneNumber.CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN;
        // no isValidNumber call: it would cost another metadata regex pass and decide nothing here
        if (international) {
            sink.add(start, end, TYPE, id(), 0.8);
        } else if (groupingMatches(run, num)) {
            sink.add(start, end, TYPE, id(), 0.7);
        } else if (!hasSeparator(run) && CUES.before(text, start)) {
            sink.add(start, end, TYPE, id(), 0.5);
        } else {
            return false;
        }
        return true;
    }

    /**
     * What {@link #matcherWholeRun} answers for a candidate run, with one {@code parse} for a real number: the
     * matcher's own work on such a run is that parse again plus its regex passes, and its answer is the parsed
     * number whenever the run is its whole candidate and passes its checks ({@link MatcherCandidateChecks}).
     * The matcher is still asked when the run is not of that shape, a check fails, or (for a '(' run, which
     * the parse-first shortcut has never covered) the parse fails.
     */
    PhoneNumber wholeRunNumber(String run, boolean paren) {
        PhoneNumber parsed = libraryOnly ? null : possibleParse(run);
        if (parsed != null && MatcherCandidateChecks.AVAILABLE && MatcherCandidateChecks.wholeRunIsTheCandidate(run)
                && MatcherCandidateChecks.pass(run)) {
            return parsed;
        }
        return libraryOnly ? (paren || parsedAsPossible(run) ? matcherWholeRun(run) : null)
                : parsed != null || paren ? matcherWholeRun(run) : null;
    }

    /**
     * The whole run parsed in the region is a possible number (not only a local one). A '+' run whose length
     * alone rules it out is answered without parsing ({@link PlusNumberLength}).
     */
    boolean parsesAsPossible(String run) {
        return !PlusNumberLength.certainlyNotPossible(run) && parsedAsPossible(run);
    }

    /** {@link #parsesAsPossible} as libphonenumber's {@code parse} answers it. */
    boolean parsedAsPossible(String run) {
        return possibleParse(run) != null;
    }

    /** The run parsed in the region when that is a possible number (not only a local one), else null. */
    private PhoneNumber possibleParse(String run) {
        try {
            PhoneNumber num = UTIL.parse(run, region);
            return UTIL.isPossibleNumberWithReason(num) == ValidationResult.IS_POSSIBLE ? num : null;
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return null;
        }
    }

    /** What {@link PhoneNumberUtil#findNumbers} reports for the whole run, a possible number; else null. */
    PhoneNumber matcherWholeRun(String run) {
        for (PhoneNumberMatch m : UTIL.findNumbers(run, region, Leniency.POSSIBLE, 4)) {
            if (m.end() != run.length() || (m.start() != 0 && !(m.start() == 1 && run.charAt(0) == '('))) {
                continue; // a part of a longer number is not a phone number
            }
            PhoneNumber num = m.number();
            if (UTIL.isPossibleNumberWithReason(num) == ValidationResult.IS_POSSIBLE) {
                return num;
            }
        }
        return null;
    }

    private static boolean hasSeparator(String run) {
        for (int k = 0; k < run.length(); k++) {
            if (!Chars.isDigit(run.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Dates (2024-01-31, 31.01.2024, 01/31/2024), dotted quads and decimals in {@code s[from, to)} are never
     * phone numbers. Read in place, without a copy: the lengths of the first three digit groups and the
     * separators after them are all the date and quad tests look at.
     */
    static boolean looksLikeOtherNumber(String s, int from, int to) {
        int len0 = 0;
        int len1 = 0;
        int len2 = 0;
        char sep0 = 0;
        char sep1 = 0;
        char sep2 = 0;
        int groups = 0;
        int g = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (Chars.isDigit(c)) {
                g++;
            } else if (g > 0) {
                switch (groups) {
                    case 0 -> {
                        len0 = g;
                        sep0 = c;
                    }
                    case 1 -> {
                        len1 = g;
                        sep1 = c;
                    }
                    case 2 -> {
                        len2 = g;
                        sep2 = c;
                    }
                    default -> {
                    }
                }
                groups++;
                g = 0;
            }
        }
        if (g > 0) {
            if (groups == 1) {
                len1 = g;
            } else if (groups == 2) {
                len2 = g;
            }
            groups++;
        }
        if (groups >= 3) {
            boolean dateSep = sep0 == sep1 && (sep0 == '-' || sep0 == '.' || sep0 == '/');
            if (dateSep && len0 == 4 && len1 <= 2 && len2 <= 2) {
                return true; // 2024-01-31 ...
            }
            if (dateSep && len0 <= 2 && len1 <= 2 && len2 == 4) {
                return true; // 31.01.2024 ...
            }
        }
        if (groups == 4 && sep0 == '.' && sep1 == '.' && sep2 == '.' && isQuad(s, from, to)) {
            return true; // 10.1.20.200
        }
        return false;
    }

    private static boolean isQuad(String s, int from, int to) {
        int v = 0;
        int len = 0;
        for (int k = from; k <= to; k++) {
            char c = k < to ? s.charAt(k) : '.';
            if (Chars.isDigit(c)) {
                v = v * 10 + (c - '0');
                len++;
            } else if (c == '.' && len > 0 && len <= 3 && v <= 255) {
                v = 0;
                len = 0;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * Is the writer's digit grouping a coarsening of libphonenumber's national format for the number (every
     * separator the writer used sits where the format puts one; "0 (532) 1234567" and "(415) 555-0132" pass,
     * "4155 550 132" does not)? Compared from the end within the national significant number, so a leading
     * trunk or country prefix ("1-800-...", "0 532 ...") does not matter.
     */
    static boolean groupingMatches(String run, PhoneNumber num) {
        int nsn = UTIL.getNationalSignificantNumber(num).length();
        long mask = ((1L << Math.min(nsn, 62)) - 1) & ~1L; // boundaries strictly inside the significant number
        long r = boundariesFromEnd(run) & mask;
        if (r == 0) {
            return false; // no grouping to compare: the format (metadata regexes) is not needed
        }
        long f = boundariesFromEnd(UTIL.format(num, PhoneNumberFormat.NATIONAL)) & mask;
        return (r & ~f) == 0;
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
}
