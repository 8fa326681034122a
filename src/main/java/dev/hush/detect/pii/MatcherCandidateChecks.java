package dev.hush.detect.pii;

import java.lang.reflect.Field;
import java.util.regex.Pattern;

/**
 * The checks libphonenumber's matcher ({@code PhoneNumberMatcher}, behind {@code findNumbers}) makes of a
 * candidate besides parsing it, so the detector can answer "does {@code findNumbers(run, POSSIBLE)} report the
 * whole run?" with one {@code parse} instead of the matcher's own parse and regex passes.
 *
 * <p>For a run of the detector's shape ({@link #wholeRunIsTheCandidate}) the matcher's candidate pattern
 * matches the whole run, so the matcher reports the whole run exactly when: its slash-date pattern finds
 * nothing in it, its bracket pattern matches it, its publication-page pattern finds nothing in it, and
 * {@code parseAndKeepRawInput} gives a possible number (the time-stamp test needs a ":mm" after the
 * candidate, and the text handed to the matcher ends with the run). The patterns are the library's own, read
 * once by reflection: when that fails (another version, a restricted runtime), {@link #AVAILABLE} is false and
 * the detector asks the matcher every time. {@code PhoneFastPathTest} compares the two answers on many
 * generated runs.
 */
final class MatcherCandidateChecks {
    private static final Pattern PUB_PAGES;
    private static final Pattern SLASH_SEPARATED_DATES;
    private static final Pattern MATCHING_BRACKETS;
    /** Whether the library's patterns were read; if not, {@link #pass} is never asked. */
    static final boolean AVAILABLE;
    /** The most consecutive punctuation chars the matcher's candidate pattern joins digit blocks with. */
    private static final int MAX_PUNCTUATION = 4;

    static {
        Pattern pub = null;
        Pattern dates = null;
        Pattern brackets = null;
        try {
            Class<?> matcher = Class.forName("com.google.i18n.phonenumbers.PhoneNumberMatcher");
            pub = pattern(matcher, "PUB_PAGES");
            dates = pattern(matcher, "SLASH_SEPARATED_DATES");
            brackets = pattern(matcher, "MATCHING_BRACKETS");
        } catch (ReflectiveOperationException | RuntimeException e) {
            pub = null;
        }
        AVAILABLE = pub != null && dates != null && brackets != null;
        PUB_PAGES = pub;
        SLASH_SEPARATED_DATES = dates;
        MATCHING_BRACKETS = brackets;
    }

    private MatcherCandidateChecks() {
    }

    private static Pattern pattern(Class<?> owner, String name) throws ReflectiveOperationException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return (Pattern) f.get(null);
    }

    /**
     * Whether the matcher's candidate pattern, searched from the start of {@code run}, matches all of it: the
     * run is an optional '+' and '(' (both in its lead class), then ASCII digits joined by at most
     * {@value #MAX_PUNCTUATION} separator chars of the detector's set (all in the library's punctuation),
     * ending with a digit, with at most 17 digits (its blocks allow 20 each, 20 blocks). No letter, '#', ','
     * or ';' is in it, so no extension or second-number cut applies.
     */
    static boolean wholeRunIsTheCandidate(String run) {
        int n = run.length();
        int k = 0;
        if (k < n && run.charAt(k) == '+') {
            k++;
        }
        if (k < n && run.charAt(k) == '(') {
            k++;
        }
        int digits = 0;
        int gap = 0;
        for (; k < n; k++) {
            char c = run.charAt(k);
            if (Chars.isDigit(c)) {
                digits++;
                gap = 0;
            } else if (digits > 0 && isSeparator(c) && ++gap <= MAX_PUNCTUATION) {
                continue;
            } else {
                return false;
            }
        }
        return digits > 0 && digits <= 17 && gap == 0;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0';
    }

    /** The matcher's checks of the whole run as its candidate, before its parse (see the class comment). */
    static boolean pass(String run) {
        return !SLASH_SEPARATED_DATES.matcher(run).find() && MATCHING_BRACKETS.matcher(run).matches()
                && !PUB_PAGES.matcher(run).find();
    }
}
