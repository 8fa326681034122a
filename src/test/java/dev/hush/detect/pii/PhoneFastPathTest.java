package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-parse answer for a candidate run ({@link PhoneDetector#wholeRunNumber}) is the answer of
 * libphonenumber's matcher ({@code findNumbers}, as the detector asked it before), on fresh random numbers of
 * many regions written in many ways, and the detector's findings on texts full of them are the same with and
 * without the shortcut.
 */
class PhoneFastPathTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> HOME_REGIONS = List.of("US", "DE", "GB", "FR", "IT", "IN", "BR", "JP", "AU",
            "MX", "RU", "CN", "KR", "AR", "NL", "ES", "TR", "ZA");
    private static final PhoneNumberType[] TYPES = {PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
        PhoneNumberType.TOLL_FREE, PhoneNumberType.VOIP};
    private static final String SEPS = " -./\u00a0";

    @Test
    void fastPathAnswersWhatTheMatcherAnswers() {
        Random r = new Random(41);
        List<String> numberRegions = new ArrayList<>(UTIL.getSupportedRegions());
        java.util.Collections.sort(numberRegions);
        int found = 0;
        int none = 0;
        for (String home : HOME_REGIONS) {
            PhoneDetector fast = new PhoneDetector(home);
            PhoneDetector library = new PhoneDetector(home, true);
            for (int t = 0; t < 600; t++) {
                String run = freshRun(r, numberRegions, home);
                boolean paren = run.charAt(0) == '(';
                PhoneNumber expected = library.wholeRunNumber(run, paren);
                PhoneNumber actual = fast.wholeRunNumber(run, paren);
                assertEquals(expected, actual, home + " " + run);
                if (expected != null) {
                    found++;
                } else {
                    none++;
                }
            }
        }
        // both answers are common, so the comparison covers the shortcut and the fall-back to the matcher
        assertTrue(found > 3_000 && none > 1_000, found + " found, " + none + " not");
    }

    @Test
    void findingsInTextAreTheSameWithAndWithoutTheShortcut() {
        Random r = new Random(43);
        List<String> numberRegions = new ArrayList<>(UTIL.getSupportedRegions());
        java.util.Collections.sort(numberRegions);
        String[] words = {"call", "me", "at", "or", "phone:", "room", "fax", "on", "2024-01-31", "10.0.0.1", "x",
            "tel.", "and", "ref", "12", "(", ")", "mobile", "the"};
        int findings = 0;
        for (String home : List.of("US", "DE", "GB", "IN", "IT", "BR")) {
            PhoneDetector fast = new PhoneDetector(home);
            PhoneDetector library = new PhoneDetector(home, true);
            for (int t = 0; t < 300; t++) {
                StringBuilder text = new StringBuilder();
                int parts = 3 + r.nextInt(8);
                for (int p = 0; p < parts; p++) {
                    text.append(r.nextInt(3) == 0 ? freshRun(r, numberRegions, home) : words[r.nextInt(words.length)]);
                    text.append(r.nextInt(5) == 0 ? ", " : " ");
                }
                List<String> expected = spans(library, text.toString());
                assertEquals(expected, spans(fast, text.toString()), home + " " + text);
                findings += expected.size();
            }
        }
        assertTrue(findings > 500, findings + " findings");
    }

    /** start, end, type and confidence of every finding, in report order. */
    private static List<String> spans(PhoneDetector d, String text) {
        ScanText st = ScanText.of(text);
        List<String> out = new ArrayList<>();
        d.detect(st, (start, end, type, rule, conf) -> out.add(start + ".." + end + " " + type + " " + conf));
        return out;
    }

    /**
     * A fresh number (an example number's shape for its type, its trailing digits random) of the home region or
     * any region, written nationally, internationally, in E.164, with the IDD prefix, or regrouped with random
     * separators; now and then a random digit run instead, or a neighbouring group.
     */
    private static String freshRun(Random r, List<String> regions, String home) {
        if (r.nextInt(8) == 0) {
            StringBuilder b = new StringBuilder(r.nextInt(4) == 0 ? "+" : r.nextInt(6) == 0 ? "(" : "");
            int groups = 1 + r.nextInt(5);
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    b.append(r.nextInt(8) == 0 ? ") " : String.valueOf(SEPS.charAt(r.nextInt(SEPS.length()))));
                }
                int len = 1 + r.nextInt(5);
                for (int k = 0; k < len; k++) {
                    b.append((char) ('0' + (b.length() == 0 && k == 0 ? 1 + r.nextInt(9) : r.nextInt(10))));
                }
            }
            return b.toString();
        }
        String region = r.nextInt(3) == 0 ? home : regions.get(r.nextInt(regions.size()));
        PhoneNumber example = UTIL.getExampleNumberForType(region, TYPES[r.nextInt(TYPES.length)]);
        if (example == null) {
            example = UTIL.getExampleNumber(home);
        }
        PhoneNumber num = new PhoneNumber().mergeFrom(example);
        String nsn = UTIL.getNationalSignificantNumber(num);
        StringBuilder digits = new StringBuilder(nsn);
        int keep = Math.min(digits.length(), 1 + r.nextInt(3));
        for (int k = keep; k < digits.length(); k++) {
            digits.setCharAt(k, (char) ('0' + r.nextInt(10)));
        }
        try {
            num = UTIL.parse("+" + num.getCountryCode() + digits, "ZZ");
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return digits.toString();
        }
        String written = switch (r.nextInt(6)) {
            case 0, 1 -> UTIL.format(num, PhoneNumberFormat.NATIONAL);
            case 2 -> UTIL.format(num, PhoneNumberFormat.INTERNATIONAL);
            case 3 -> UTIL.format(num, PhoneNumberFormat.E164);
            case 4 -> {
                String idd = UTIL.formatOutOfCountryCallingNumber(num, home);
                yield idd;
            }
            default -> regroup(r, (r.nextBoolean() ? "+" + num.getCountryCode() : "") + digits);
        };
        if (r.nextInt(5) == 0) {
            written = written.replace(' ', SEPS.charAt(r.nextInt(SEPS.length())));
        }
        if (r.nextInt(8) == 0) {
            written = r.nextBoolean() ? "12 " + written : written + " " + r.nextInt(100);
        }
        return written;
    }

    private static String regroup(Random r, String digits) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < digits.length(); k++) {
            if (k > 1 && r.nextInt(4) == 0) {
                b.append(SEPS.charAt(r.nextInt(SEPS.length())));
            }
            b.append(digits.charAt(k));
        }
        return b.toString();
    }
}
