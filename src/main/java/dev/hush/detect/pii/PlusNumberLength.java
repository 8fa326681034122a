package dev.hush.detect.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells, without libphonenumber's {@code parse}, that a {@code +}-prefixed run is not a possible number when
 * its length alone decides it: the case of a CSV column of {@code +1 555 0191 4606} (twelve digits), where
 * {@code parse} (its extension and viability regexes, ~15 µs) was most of a scan's phone cost.
 *
 * <p>It follows {@code PhoneNumberUtil.parse} step by step for a run of '+', digits and separators only (no
 * letters, '#', ',', ';' or 'x', so no extension or second number is cut off): the digits after '+' start with
 * a calling code of one to three digits (the first known one), the rest is the national number; when the
 * region's national-prefix-for-parsing pattern does not match at its start, parse keeps it as it is, and the
 * answer is {@code isPossibleNumberWithReason}'s length test on it (the general description's possible and
 * local-only lengths, read once per calling code: the library itself looks the metadata up by building a
 * file name on every call). Anything else (a prefix
 * that may be stripped) is left to {@code parse}. {@code PhoneDetectorTest} compares both on random runs.
 */
final class PlusNumberLength {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** Whether each number below 1000 is a calling code libphonenumber knows (codes have 1 to 3 digits). */
    private static final boolean[] CALLING_CODES = new boolean[1000];

    static {
        for (int code : UTIL.getSupportedCallingCodes()) {
            if (code > 0 && code < 1000) {
                CALLING_CODES[code] = true;
            }
        }
    }
    /** The most digits of a national significant number ({@code PhoneNumberUtil.MAX_LENGTH_FOR_NSN}). */
    private static final int MAX_NSN = 17;
    private static final ConcurrentHashMap<Integer, Region> REGIONS = new ConcurrentHashMap<>();
    /**
     * {@link #REGIONS} by calling code, read without boxing; a racy cache of immutable records (a thread that
     * sees null asks {@link #REGIONS}, which loads each code once).
     */
    private static final Region[] BY_CODE = new Region[1000];
    /** A pattern that never matches: the region strips no national prefix. */
    private static final Pattern NO_PREFIX = Pattern.compile("(?!)");
    private static final Region NONE = new Region(NO_PREFIX, 0, 0);

    private PlusNumberLength() {
    }

    /**
     * True when {@code run} (a '+' then digits, and separators) is certainly not a possible number as
     * libphonenumber parses it; false when only parsing can tell.
     */
    static boolean certainlyNotPossible(String run) {
        return certainlyNotPossible(run, 0, run.length());
    }

    /** {@link #certainlyNotPossible(String)} of {@code s[from, to)}, read in place (no copy of the run). */
    static boolean certainlyNotPossible(String s, int from, int to) {
        Scratch scratch = Scratch.get();
        char[] digits = scratch.plusDigits;
        int count = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (Chars.isDigit(c)) {
                if (count == digits.length) {
                    return false; // parse's own length checks decide
                }
                digits[count++] = c;
            } else if (c != '+' && c != '(' && c != ')' && c != ' ' && c != '-' && c != '.' && c != '/'
                    && c != '\u00a0') {
                return false;
            }
        }
        if (count <= 2 || s.charAt(from) != '+') {
            return false;
        }
        if (digits[0] == '0') {
            return true; // no calling code starts with 0: parse throws INVALID_COUNTRY_CODE
        }
        int cc = 0;
        int ccLength = 0;
        for (int k = 0; k < 3 && k < count; k++) {
            int code = cc * 10 + (digits[k] - '0');
            cc = code;
            if (CALLING_CODES[code]) {
                ccLength = k + 1;
                break;
            }
        }
        if (ccLength == 0) {
            return true; // INVALID_COUNTRY_CODE
        }
        int nationalLength = count - ccLength;
        if (nationalLength < 2) {
            return true; // TOO_SHORT_NSN
        }
        Region region = regionFor(cc);
        if (region == null || region.prefixAt(scratch.national.of(digits, ccLength, nationalLength))) {
            return false; // parse may strip a national prefix: let it decide
        }
        if (nationalLength > MAX_NSN) {
            return true; // TOO_LONG
        }
        // isPossibleNumberWithReason's length test on the national significant number (leading zeros kept)
        long bit = 1L << nationalLength;
        return (region.localOnly & bit) != 0 || (region.possible & bit) == 0;
    }

    /**
     * What parse and the possible-number test read of a calling code's metadata: its national-prefix-for-parsing
     * pattern and the general description's possible and local-only lengths, as bit sets.
     */
    private record Region(Pattern prefix, long possible, long localOnly, ThreadLocal<Matcher> matcher) {
        Region(Pattern prefix, long possible, long localOnly) {
            this(prefix, possible, localOnly, ThreadLocal.withInitial(() -> prefix.matcher("")));
        }

        /** Whether the national-prefix-for-parsing pattern matches at the start of {@code national}. */
        boolean prefixAt(CharSequence national) {
            if (prefix == NO_PREFIX) {
                return false;
            }
            Matcher m = matcher.get().reset(national);
            boolean at = m.lookingAt();
            m.reset(""); // do not keep the digits reachable from the matcher
            return at;
        }
    }

    /** A calling code's facts, loaded on first use; null when its metadata does not fit (left to parse). */
    private static Region regionFor(int cc) {
        Region r = BY_CODE[cc];
        if (r == null) {
            r = REGIONS.computeIfAbsent(cc, PlusNumberLength::load);
            BY_CODE[cc] = r;
        }
        return r == NONE ? null : r;
    }

    private static Region load(int cc) {
        String code = UTIL.getRegionCodeForCountryCode(cc);
        PhoneMetadata m = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(code)
                ? METADATA.getMetadataForNonGeographicalRegion(cc)
                : METADATA.getMetadataForRegion(code);
        if (m == null || m.getGeneralDesc().getPossibleLengthCount() == 0
                || m.getGeneralDesc().getPossibleLength(0) == -1) {
            return NONE;
        }
        String prefix = m.getNationalPrefixForParsing();
        return new Region(prefix.isEmpty() ? NO_PREFIX : Pattern.compile(prefix),
                mask(m.getGeneralDesc().getPossibleLengthList()), mask(m.getGeneralDesc().getPossibleLengthLocalOnlyList()));
    }

    private static long mask(java.util.List<Integer> lengths) {
        long bits = 0;
        for (int len : lengths) {
            if (len >= 0 && len < 64) {
                bits |= 1L << len;
            }
        }
        return bits;
    }
}
